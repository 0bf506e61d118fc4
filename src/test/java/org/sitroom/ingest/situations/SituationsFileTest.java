package org.sitroom.ingest.situations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sitroom.ingest.pipeline.ConnectorFactory;

/** config/situations.yml: the shipped example reads, and each kind of mistake names its file and line. */
class SituationsFileTest {

    @TempDir
    Path dir;

    private List<SituationDefinition> read(String yaml) throws Exception {
        Path file = dir.resolve("situations.yml");
        Files.writeString(file, yaml);
        return SituationsFile.read(file, Duration.ofMinutes(5), ConnectorFactory::check);
    }

    @Test
    void theShippedExampleReads() {
        List<SituationDefinition> defs = SituationsFile.read(Path.of("config", "situations.example.yml"),
                Duration.ofMinutes(5), ConnectorFactory::check);
        assertThat(defs).isNotEmpty();
        assertThat(defs.getFirst().sources()).isNotEmpty();
    }

    @Test
    void aFullSituationReads() throws Exception {
        var defs = read("""
                situations:
                  - id: eastmed
                    name: Naval encounter
                    description: Two warships meet.
                    start: 2026-03-14T00:00:00Z
                    time-zone: Europe/Athens
                    keywords: [Aster, Kestrel]
                    hashtags: ["#EastMed"]
                    languages: [en, el]
                    sources:
                      - id: eastmed-replay
                        kind: replay
                        interval: 5s
                        settings:
                          dataset: fixtures/demo/naval-encounter.jsonl
                          speed: 360
                      - id: eastmed-drop
                        kind: file-drop
                        enabled: false
                        settings:
                          folder: ./drop
                          mappings:
                            csv: crisislex-t26
                            jsonl: {builtin: demo-jsonl}
                """);
        SituationDefinition s = defs.getFirst();
        assertThat(s.start()).isEqualTo(Instant.parse("2026-03-14T00:00:00Z"));
        assertThat(s.keywords()).containsExactly("Aster", "Kestrel", "#EastMed");
        assertThat(s.sources()).extracting(SourceDefinition::id).containsExactly("eastmed-replay", "eastmed-drop");
        assertThat(s.sources().get(0).interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.sources().get(1).interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.sources().get(1).enabled()).isFalse();
    }

    @Test
    void mistakesNameFileAndLine() {
        String head = "situations:\n  - id: s1\n    name: One\n    sources:\n";
        assertError(head + "      - id: a:b\n        kind: replay\n", "line 5: id 'a:b' must be");
        assertError(head + "      - id: a\n        kind: telepathy\n", "line 5: source 'a': unknown kind 'telepathy'");
        assertError(head + "      - id: a\n        kind: replay\n        settings:\n          speed: 2\n",
                "line 8: source 'a': kind replay needs setting 'dataset'");
        assertError(head + "      - id: a\n        kind: feed\n        settings:\n          url: http://x\n"
                + "          colour: red\n", "line 8: source 'a': unknown setting 'colour' for kind feed");
        assertError(head + "      - id: a\n        kind: feed\n        interval: soon\n", "line 7: 'soon' is not a duration");
        assertError("situations:\n  - id: s1\n    name: One\n    time-zone: Mars/Olympus\n",
                "line 4: unknown time zone 'Mars/Olympus'");
        assertError("situations:\n  - id: s1\n    name: One\n    colour: blue\n", "line 4: unknown key 'colour'");
        assertError("situations:\n  - id: s1\n    name: [unclosed\n", "is not valid YAML");
        assertError("situations:\n  - id: s1\n    name: One\n  - id: s1\n    name: Two\n",
                "line 4: situation 's1' is defined twice");
        assertError(head + "      - id: a\n        kind: feed\n        settings: {url: http://x}\n"
                        + "  - id: s2\n    name: Two\n    sources:\n      - id: a\n        kind: feed\n"
                        + "        settings: {url: http://y}\n",
                "line 11: source 'a' is defined twice");
    }

    private void assertError(String yaml, String expected) {
        assertThatThrownBy(() -> read(yaml)).isInstanceOf(SituationsFileException.class)
                .hasMessageContaining(dir.resolve("situations.yml").toString())
                .hasMessageContaining(expected);
    }
}
