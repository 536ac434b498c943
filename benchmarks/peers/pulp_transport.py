#!/usr/bin/python3
"""The benchmark's transportation LP written the way a researcher would write it in PuLP, solved with CBC.

Reads the instance the C# benchmark writes (JSON: sources, sinks, costs row-major, supply, demand), builds
x[i,j] >= 0, min sum c x, sum_j x[i,j] <= supply[i], sum_i x[i,j] >= demand[j], solves with Debian's CBC
(COIN_CMD, msg off) and prints the optimal objective on stdout. Run with Debian's /usr/bin/python3, where
the python3-pulp package lives.
"""
import json
import sys

import pulp


def main(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    m, n, c = data["sources"], data["sinks"], data["costs"]
    problem = pulp.LpProblem("transportation", pulp.LpMinimize)
    x = [[pulp.LpVariable(f"x_{i}_{j}", lowBound=0) for j in range(n)] for i in range(m)]
    problem += pulp.lpSum(c[i * n + j] * x[i][j] for i in range(m) for j in range(n))
    for i in range(m):
        problem += pulp.lpSum(x[i][j] for j in range(n)) <= data["supply"][i], f"supply_{i}"
    for j in range(n):
        problem += pulp.lpSum(x[i][j] for i in range(m)) >= data["demand"][j], f"demand_{j}"
    status = problem.solve(pulp.COIN_CMD(msg=False))
    if pulp.LpStatus[status] != "Optimal":
        print(f"PuLP + CBC: {pulp.LpStatus[status]}", file=sys.stderr)
        return 1
    print(repr(pulp.value(problem.objective)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
