package org.sitroom;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Starts the dashboard. {@code --data DIR} (or env {@code SITROOM_DATA}) chooses the folder that holds all state.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@StyleSheet("styles/sitroom.css")
public class SitroomApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        if (org.sitroom.cli.Cli.isSubcommand(args)) {
            // Subcommands run without the web server; Spring properties (--data DIR, ...) still apply.
            String[] springArgs = springOptionsOnly(args);
            java.util.List<String> commandArgs = new java.util.ArrayList<>(java.util.List.of(args));
            commandArgs.removeAll(java.util.List.of(springArgs));
            System.exit(org.sitroom.cli.Cli.run(SitroomApplication.class, commandArgs.toArray(String[]::new), CommandLine.toSpringArguments(springArgs)));
        }
        SpringApplication.run(SitroomApplication.class, CommandLine.toSpringArguments(args));
    }

    /** The options Spring should see when a subcommand runs: --data and --property=value forms. */
    private static String[] springOptionsOnly(String[] args) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data") && i + 1 < args.length) {
                out.add(args[i]);
                out.add(args[++i]);
            } else if (args[i].startsWith("--data=") || args[i].startsWith("--sitroom.") || args[i].startsWith("--spring.")) {
                out.add(args[i]);
            }
        }
        return out.toArray(String[]::new);
    }

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Sitroom");
    }
}
