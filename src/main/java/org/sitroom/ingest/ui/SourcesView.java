package org.sitroom.ingest.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.sitroom.base.ui.EmptyState;
import org.sitroom.base.ui.ViewFrame;
import org.sitroom.ingest.Situation;
import org.sitroom.ingest.SourceAdmin;
import org.sitroom.ingest.SourceAdmin.QuarantineSample;
import org.sitroom.ingest.SourceAdmin.SourceLine;

/**
 * Sources (ADMIN): a situation's name, description and keywords (editable), its sources with their health (last
 * run, posts in, duplicates, quarantined, errors, lag), switches to stop, start and run them, and the quarantined
 * records of the selected source with a re-run after its mapping was fixed. Refreshes every 5 s.
 */
@Route("sources")
@PageTitle("Sources · Sitroom")
@Menu(order = 6, title = "Sources", icon = "vaadin:database")
@RolesAllowed("ADMIN")
class SourcesView extends Composite<ViewFrame> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final SourceAdmin admin;
    private final ComboBox<Situation> situation = new ComboBox<>("Situation");
    private final TextField name = new TextField("Name");
    private final TextArea description = new TextArea("Description");
    private final TextField keywords = new TextField("Keywords and hashtags (comma-separated)");
    private final Grid<SourceLine> sources = new Grid<>();
    private final Grid<QuarantineSample> quarantine = new Grid<>();
    private final H2 quarantineTitle = new H2("Quarantine");
    private final Span summary = new Span();
    private String selectedSource;
    private Registration poll;

    SourcesView(SourceAdmin admin) {
        this.admin = admin;
    }

    @Override
    protected ViewFrame initContent() {
        List<Situation> all = admin.situations();
        if (all.isEmpty()) {
            ViewFrame frame = new ViewFrame("Sources", "Situations, sources, their health and quarantined records.",
                    new EmptyState(VaadinIcon.DATABASE, "No situations yet", "Define situations and their sources in "
                            + "config/situations.yml (see config/situations.example.yml), or import files with "
                            + "'sitroom import'."));
            frame.setId("view-sources");
            return frame;
        }
        situation.setId("situation-select");
        situation.setItems(all);
        situation.setItemLabelGenerator(s -> s.name() + " (" + s.id() + ")");
        situation.setWidth("28rem");
        situation.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                showSituation(e.getValue());
            }
        });

        name.setId("situation-name-field");
        name.setWidth("28rem");
        description.setId("situation-description-field");
        description.setWidthFull();
        keywords.setId("situation-keywords-field");
        keywords.setWidthFull();
        Button save = new Button("Save situation", e -> save());
        save.setId("save-situation");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        sources.setId("sources-grid");
        sources.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        sources.addColumn(SourceLine::id).setHeader("Source").setAutoWidth(true);
        sources.addColumn(SourceLine::kind).setHeader("Kind").setAutoWidth(true);
        sources.addColumn(l -> !l.defined() ? "no longer defined" : l.enabled() ? "on" : "off").setHeader("State")
                .setAutoWidth(true);
        sources.addColumn(SourceLine::interval).setHeader("Every").setAutoWidth(true);
        sources.addColumn(l -> l.health() == null || l.health().lastRun() == null ? "never"
                : TIME.format(l.health().lastRun())).setHeader("Last run").setAutoWidth(true);
        sources.addColumn(l -> l.health() == null ? 0 : l.health().postsIn()).setHeader("Posts in").setAutoWidth(true);
        sources.addColumn(l -> l.health() == null ? 0 : l.health().duplicates()).setHeader("Duplicates")
                .setAutoWidth(true);
        sources.addColumn(SourceLine::openQuarantine).setHeader("Quarantined").setAutoWidth(true);
        sources.addColumn(l -> l.health() == null ? 0 : l.health().errors()).setHeader("Errors").setAutoWidth(true);
        sources.addColumn(l -> l.health() == null ? "-" : lag(l.health().lag())).setHeader("Lag").setAutoWidth(true);
        sources.addColumn(l -> l.health() != null && l.health().failing() ? "FAILING: " + l.health().lastError() : "ok")
                .setHeader("Status").setFlexGrow(1);
        sources.addComponentColumn(this::actions).setHeader("").setAutoWidth(true);
        sources.setAllRowsVisible(true);
        sources.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(l -> showQuarantine(l.id())));

        quarantine.setId("quarantine-grid");
        quarantine.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        quarantine.addColumn(QuarantineSample::position).setHeader("Where").setAutoWidth(true);
        quarantine.addColumn(QuarantineSample::reason).setHeader("Why").setFlexGrow(2);
        quarantine.addColumn(QuarantineSample::excerpt).setHeader("Record (first bytes)").setFlexGrow(3);
        quarantine.addColumn(q -> q.rawLength() + " B").setHeader("Size").setAutoWidth(true);
        quarantine.setHeight("20rem");
        quarantineTitle.setId("quarantine-title");
        summary.setId("sources-summary");

        HorizontalLayout top = new HorizontalLayout(situation, name, save);
        top.setAlignItems(FlexComponent.Alignment.BASELINE);
        ViewFrame frame = new ViewFrame("Sources",
                "Situations, their sources with health and schedule, and quarantined records. Edits here are stored in "
                        + "the database; a later change of config/situations.yml replaces them.",
                top, description, keywords, summary, sources, quarantineTitle, quarantine);
        frame.setId("view-sources");
        situation.setValue(all.getFirst());
        return frame;
    }

    private HorizontalLayout actions(SourceLine line) {
        HorizontalLayout out = new HorizontalLayout();
        out.setSpacing(true);
        if (line.defined() && !"import".equals(line.kind())) {
            Button toggle = new Button(line.enabled() ? "Stop" : "Start", e -> {
                admin.setEnabled(line.id(), !line.enabled());
                refresh();
            });
            toggle.setId("toggle-" + line.id());
            toggle.addThemeVariants(ButtonVariant.LUMO_SMALL);
            out.add(toggle);
            if (line.enabled()) {
                Button run = new Button("Run now", e -> {
                    admin.runNow(line.id());
                    Notification.show("Source " + line.id() + " runs now");
                });
                run.setId("run-" + line.id());
                run.addThemeVariants(ButtonVariant.LUMO_SMALL);
                out.add(run);
            }
        }
        Button rerun = new Button("Re-run quarantine", e -> {
            SourceAdmin.RerunSummary r = admin.rerunQuarantine(line.id());
            Notification.show(line.id() + ": " + r.examined() + " examined, " + r.resolved() + " read into posts, "
                    + r.stillBad() + " still quarantined");
            refresh();
        });
        rerun.setId("rerun-" + line.id());
        rerun.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        rerun.setEnabled(line.openQuarantine() > 0);
        out.add(rerun);
        return out;
    }

    private void showSituation(Situation s) {
        name.setValue(s.name());
        description.setValue(s.description());
        keywords.setValue(String.join(", ", s.keywords()));
        refresh();
    }

    private void save() {
        Situation s = situation.getValue();
        if (s == null) {
            return;
        }
        try {
            admin.editSituation(s.id(), name.getValue(), description.getValue(),
                    Arrays.stream(keywords.getValue().split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList());
            Notification.show("Situation saved");
            List<Situation> all = admin.situations();
            situation.setItems(all);
            all.stream().filter(x -> x.id().equals(s.id())).findFirst().ifPresent(situation::setValue);
        } catch (IllegalArgumentException e) {
            Notification.show(e.getMessage());
        }
    }

    private void refresh() {
        Situation s = situation.getValue();
        if (s == null) {
            return;
        }
        List<SourceLine> lines = admin.sources(s.id());
        sources.setItems(lines);
        long posts = lines.stream().mapToLong(l -> l.health() == null ? 0 : l.health().postsIn()).sum();
        long quarantined = lines.stream().mapToLong(SourceLine::openQuarantine).sum();
        long failing = lines.stream().filter(l -> l.health() != null && l.health().failing()).count();
        summary.setText(lines.size() + " sources, " + posts + " posts in, " + quarantined + " quarantined, "
                + failing + " failing");
        if (selectedSource == null || lines.stream().noneMatch(l -> l.id().equals(selectedSource))) {
            selectedSource = lines.isEmpty() ? null : lines.getFirst().id();
        }
        showQuarantine(selectedSource);
    }

    private void showQuarantine(String sourceId) {
        selectedSource = sourceId;
        if (sourceId == null) {
            quarantineTitle.setText("Quarantine");
            quarantine.setItems(List.of());
            return;
        }
        List<QuarantineSample> samples = admin.quarantine(sourceId);
        quarantineTitle.removeAll();
        long open = sources.getListDataView().getItems().filter(l -> l.id().equals(sourceId))
                .mapToLong(SourceLine::openQuarantine).findFirst().orElse(samples.size());
        quarantineTitle.add(new Text("Quarantine of " + sourceId + ": " + open + (open == 1 ? " record" : " records")
                + (open > samples.size() ? ", the newest " + samples.size() + " shown" : "")));
        quarantine.setItems(samples);
    }

    private static String lag(Duration lag) {
        if (lag == null) {
            return "-";
        }
        if (lag.toSeconds() < 120) {
            return lag.toSeconds() + " s";
        }
        if (lag.toMinutes() < 120) {
            return lag.toMinutes() + " min";
        }
        if (lag.toHours() < 48) {
            return lag.toHours() + " h";
        }
        return lag.toDays() + " d";
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        super.onAttach(attach);
        attach.getUI().setPollInterval(5000);
        poll = attach.getUI().addPollListener(e -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        if (poll != null) {
            poll.remove();
        }
        detach.getUI().setPollInterval(-1);
        super.onDetach(detach);
    }
}
