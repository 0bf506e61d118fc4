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
        SpringApplication.run(SitroomApplication.class, CommandLine.toSpringArguments(args));
    }

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Sitroom");
    }
}
