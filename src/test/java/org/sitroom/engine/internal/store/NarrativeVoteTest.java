package org.sitroom.engine.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NarrativeVoteTest {

    @Test
    void theHighestScoreWithEnoughSupportWins() {
        NarrativeVote vote = new NarrativeVote(0.45, 3);
        vote.add(7, 0.9, 1);
        vote.add(7, 0.9, 1); // 1.8 from two posts: not enough support
        vote.add(9, 0.5, 1);
        vote.add(9, 0.5, 1);
        vote.add(9, 0.5, 1); // 1.5 from three posts
        assertThat(vote.winner()).isEqualTo(9L);

        vote.add(7, 0.6, 1); // 2.4 from three posts
        assertThat(vote.winner()).isEqualTo(7L);
    }

    @Test
    void aWeightCountsAsThatManyPostsAndNeighboursTooFarDoNotVote() {
        NarrativeVote vote = new NarrativeVote(0.45, 3);
        assertThat(vote.add(4, 0.44, 10)).isFalse();
        assertThat(vote.winner()).isNull();
        assertThat(vote.add(4, 0.5, 3)).isTrue(); // one group point standing for three posts
        assertThat(vote.winner()).isEqualTo(4L);

        vote.clear();
        assertThat(vote.winner()).isNull();
    }

    @Test
    void aTieGoesToTheSmallerNarrativeWhateverTheOrder() {
        NarrativeVote first = new NarrativeVote(0.45, 1);
        first.add(12, 0.8, 1);
        first.add(3, 0.8, 1);
        NarrativeVote second = new NarrativeVote(0.45, 1);
        second.add(3, 0.8, 1);
        second.add(12, 0.8, 1);
        assertThat(first.winner()).isEqualTo(3L);
        assertThat(second.winner()).isEqualTo(3L);
    }
}
