/**
 * Everything the user can ask of the timeline, from the toolbar, the keyboard or the side panel:
 * one object the app builds, so a button and its key always do the same thing.
 */
export interface Commands {
  fit(): void;
  zoomBy(factor: number): void;
  /** Zooms keeping the time under plot pixel `px` in place. */
  zoomAt(factor: number, px: number): void;
  /** Pans by a fraction of the plot's width (negative: earlier). */
  pan(fraction: number): void;
  setFollow(on: boolean): void;
  toggleFollow(): void;
  setSearch(text: string): void;
  nextSearchHit(dir: 1 | -1): void;
  statsForVisibleRange(): void;
  clearRange(): void;
  filtersChanged(): void;
  moveLane(dir: 1 | -1): void;
  stepEvent(dir: 1 | -1): void;
  nextFinding(dir: 1 | -1): void;
  openSource(): void;
  clearSelection(): void;
  /** Opens or folds the side panel (findings, details, range, legend). */
  toggleSide(): void;
}
