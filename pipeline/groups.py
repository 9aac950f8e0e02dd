"""Union-find: which items end up in one group when pairs of them are joined."""

from collections import defaultdict


class Groups:
    """Union-find over hashable nodes."""

    def __init__(self):
        self.parent = {}

    def find(self, node):
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def union(self, a, b):
        self.parent[self.find(a)] = self.find(b)

    def members(self, nodes) -> list[list]:
        """`nodes` split into their groups, each in the order given, groups in order of their first node."""
        grouped = defaultdict(list)
        for node in nodes:
            grouped[self.find(node)].append(node)
        return list(grouped.values())
