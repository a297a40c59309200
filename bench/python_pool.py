"""The seed tutorial's own Pool: multiprocessing.Pool.map(cube, range(100000)), pool already
started, median of rounds. Prints JSON {"python_pool_map_ms": ...}."""
import json
import os
import statistics
import time
from multiprocessing import Pool


def cube(x):
    return x * x * x


if __name__ == "__main__":
    items = range(100000)
    with Pool(os.cpu_count()) as pool:
        pool.map(cube, [1, 2, 3, 4])
        times = []
        for _ in range(9):
            t0 = time.perf_counter()
            pool.map(cube, items)
            times.append((time.perf_counter() - t0) * 1000)
    print(json.dumps({"python_pool_map_ms": statistics.median(times)}))
