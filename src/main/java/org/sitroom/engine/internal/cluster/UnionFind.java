package org.sitroom.engine.internal.cluster;

/**
 * Disjoint sets over {@code 0..n-1} with path halving and union by size, so any sequence of m operations costs
 * O(m α(n)). One int array, 4 bytes per element: a root stores minus its set size, any other element its parent.
 * Keeping size and parent in one array halves the cache footprint of the random finds in Kruskal.
 *
 * <p>Not thread-safe. Which element becomes a set's root is deterministic (larger set wins, ties go to the smaller
 * root index), so callers that derive numbering from roots get the same numbers on every run.
 */
public final class UnionFind {

    private final int[] parent;
    private int sets;

    /** {@code n} singleton sets. */
    public UnionFind(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0: " + n);
        }
        parent = new int[n];
        java.util.Arrays.fill(parent, -1);
        sets = n;
    }

    /** Number of elements. */
    public int elements() {
        return parent.length;
    }

    /** The root of {@code x}'s set. */
    public int find(int x) {
        int[] p = parent;
        // Path halving: every node on the way points to its grandparent; iterative, so deep chains cannot overflow.
        while (p[x] >= 0) {
            int up = p[x];
            int grand = p[up];
            if (grand < 0) {
                return up;
            }
            p[x] = grand;
            x = grand;
        }
        return x;
    }

    /** Merges the sets of {@code a} and {@code b}; true if they were different sets. */
    public boolean union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra == rb) {
            return false;
        }
        unionRoots(ra, rb);
        return true;
    }

    /**
     * Merges two distinct roots (as returned by {@link #find}) and returns the root of the merged set. Lets a caller
     * that already holds both roots (Kruskal) skip the second pair of finds.
     */
    public int unionRoots(int ra, int rb) {
        if (ra == rb) {
            return ra;
        }
        int big = ra;
        int small = rb;
        int sa = -parent[ra];
        int sb = -parent[rb];
        if (sb > sa || (sb == sa && rb < ra)) {
            big = rb;
            small = ra;
        }
        parent[big] = -(sa + sb);
        parent[small] = big;
        sets--;
        return big;
    }

    /** True if {@code a} and {@code b} are in the same set. */
    public boolean connected(int a, int b) {
        return find(a) == find(b);
    }

    /** Number of elements in {@code x}'s set. */
    public int setSize(int x) {
        return -parent[find(x)];
    }

    /** Number of disjoint sets. */
    public int sets() {
        return sets;
    }

    /**
     * Set id of every element, numbered 0, 1, 2, ... in order of each set's smallest element, so the numbering
     * depends only on the partition and the element order, not on the union history.
     */
    public int[] canonicalLabels() {
        int n = parent.length;
        int[] idOfRoot = new int[n];
        java.util.Arrays.fill(idOfRoot, -1);
        int[] labels = new int[n];
        int next = 0;
        for (int i = 0; i < n; i++) {
            int r = find(i);
            if (idOfRoot[r] < 0) {
                idOfRoot[r] = next++;
            }
            labels[i] = idOfRoot[r];
        }
        return labels;
    }
}
