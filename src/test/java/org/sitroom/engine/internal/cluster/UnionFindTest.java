package org.sitroom.engine.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnionFindTest {

    @Test
    void unionsTrackSetsAndSizes() {
        UnionFind uf = new UnionFind(6);
        assertThat(uf.sets()).isEqualTo(6);
        assertThat(uf.union(0, 1)).isTrue();
        assertThat(uf.union(1, 0)).isFalse();
        assertThat(uf.union(2, 3)).isTrue();
        assertThat(uf.union(3, 1)).isTrue();
        assertThat(uf.sets()).isEqualTo(3);
        assertThat(uf.connected(0, 2)).isTrue();
        assertThat(uf.connected(0, 4)).isFalse();
        assertThat(uf.setSize(3)).isEqualTo(4);
        assertThat(uf.setSize(5)).isEqualTo(1);
    }

    @Test
    void canonicalLabelsFollowSmallestMember() {
        UnionFind uf = new UnionFind(6);
        uf.union(5, 3);
        uf.union(4, 1);
        uf.union(1, 2);
        assertThat(uf.canonicalLabels()).containsExactly(0, 1, 1, 2, 1, 2);
    }

    @Test
    void longChainsDoNotOverflowTheStack() {
        int n = 2_000_000;
        UnionFind uf = new UnionFind(n);
        for (int i = 1; i < n; i++) {
            uf.unionRoots(uf.find(i), uf.find(i - 1));
        }
        assertThat(uf.sets()).isEqualTo(1);
        assertThat(uf.connected(0, n - 1)).isTrue();
        assertThat(uf.setSize(12345)).isEqualTo(n);
    }
}
