package org.sitroom.testing;

import java.util.ArrayList;
import java.util.List;
import org.sitroom.SitroomApplication;
import org.springframework.boot.SpringApplication;

/**
 * Runs the dashboard on the fake engine with the demo fixture, to look at the views before the real engine lands:
 * {@code bash .mvn/sitroom mvn -o spring-boot:test-run -Dspring-boot.run.main-class=org.sitroom.testing.DemoWithFakeEngine}
 * (sign in as the administrator whose password the first start prints, or with config/users.yml).
 */
public final class DemoWithFakeEngine {

    private DemoWithFakeEngine() {
    }

    public static void main(String[] args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--sitroom.test.fake-engine=true");
        SpringApplication.run(SitroomApplication.class, all.toArray(String[]::new));
    }
}
