package org.ferworkbench.core.duplicates;

/** Disjoint sets over 0..n-1, to turn links into connected components. The smaller index becomes the root. */
public final class UnionFind {
    private final int[] parent;

    public UnionFind(int n) {
        parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
    }

    public int find(int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];   // path halving keeps the trees flat
            i = parent[i];
        }
        return i;
    }

    public void union(int a, int b) {
        int ra = find(a), rb = find(b);
        if (ra < rb) parent[rb] = ra;
        else if (rb < ra) parent[ra] = rb;
    }
}
