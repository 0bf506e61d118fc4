package org.sitroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void dataFlagBecomesTheDataProperty() {
        assertThat(CommandLine.toSpringArguments(new String[] {"--data", "/tmp/x", "--server.port=9"}))
                .containsExactly("--sitroom.data=/tmp/x", "--server.port=9");
        assertThat(CommandLine.toSpringArguments(new String[] {"--data=/srv/s"})).containsExactly("--sitroom.data=/srv/s");
        assertThat(CommandLine.toSpringArguments(new String[] {"--port", "8081"})).containsExactly("--server.port=8081");
    }

    @Test
    void dataFlagWithoutFolderIsAnError() {
        assertThatThrownBy(() -> CommandLine.toSpringArguments(new String[] {"--data"}))
                .hasMessageContaining("--data needs a folder");
    }
}
