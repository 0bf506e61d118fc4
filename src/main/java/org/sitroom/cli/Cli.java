package org.sitroom.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar sitroom.jar SUBCOMMAND ...}: starts Sitroom without the web server and runs one command with
 * Spring beans injected (picocli creates commands through the Spring context).
 */
@Command(name = "sitroom", mixinStandardHelpOptions = true, version = "Sitroom 0.1",
        description = "Sitroom's command line. Without a subcommand, sitroom serves the dashboard.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Cli {

    /** Subcommand names; each is a Spring bean annotated with picocli's {@code @Command}. */
    public static final Set<String> SUBCOMMANDS = Set.of("import", "eval", "help");

    /** Auto-configurations that cannot start without the web server. */
    static final List<String> WEB_ONLY_AUTO_CONFIGURATIONS = List.of(
            "com.vaadin.flow.spring.SpringBootAutoConfiguration", "com.vaadin.flow.spring.SpringSecurityAutoConfiguration",
            "com.vaadin.flow.spring.VaadinApplicationConfiguration", "com.vaadin.flow.spring.VaadinScopesConfig",
            "com.vaadin.flow.spring.VaadinServletConfiguration");

    /** The property that leaves {@link #WEB_ONLY_AUTO_CONFIGURATIONS} out, for contexts started without a server. */
    public static final String NO_WEB_PROPERTIES = "spring.autoconfigure.exclude=" + String.join(",", WEB_ONLY_AUTO_CONFIGURATIONS);

    /**
     * How a command's context starts. Lazy beans: a command creates only what it uses (eval: the model; no database,
     * no index). Vaadin's and the web security's beans need a servlet context, which a command has not: left out.
     * Public so benchmarks of a command start it the same way.
     */
    public static final List<String> COMMAND_PROPERTIES = List.of("spring.quartz.auto-startup=false",
            "logging.level.root=warn", "logging.level.org.sitroom=warn", "sitroom.cli=true",
            "spring.main.lazy-initialization=true", NO_WEB_PROPERTIES);

    private Cli() {
    }

    public static boolean isSubcommand(String[] args) {
        return args.length > 0 && SUBCOMMANDS.contains(args[0]);
    }

    /**
     * Runs the subcommand and returns its exit code.
     *
     * @param application the Spring Boot application class (passed in, so this module does not depend on the root
     *                    package that depends on it: Modulith reports that as a cycle)
     */
    public static int run(Class<?> application, String[] args, String[] springArgs) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(COMMAND_PROPERTIES.toArray(String[]::new))
                // Standard output is the command's own: with --json, JSON alone, for scripts to parse. Start-up
                // warnings of libraries (Flyway on H2's version, DJL on CUDA) would break it.
                .properties("logging.level.org.flywaydb=error", "logging.level.ai.djl=error")
                .run(springArgs)) {
            CommandLine cli = new CommandLine(new Cli(), new SpringFactory(context));
            context.getBeansWithAnnotation(Command.class).values().stream()
                    .filter(bean -> !(bean instanceof Cli))
                    .forEach(bean -> cli.addSubcommand(bean));
            return cli.execute(Arrays.copyOf(args, args.length));
        }
    }

    /** Lets picocli take command objects from Spring, so they get their services injected. */
    private record SpringFactory(ConfigurableApplicationContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return context.getBean(cls);
            } catch (org.springframework.beans.BeansException notABean) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
