"""English strings of the figure builders (titles, axis labels, hover labels, summaries).

Values in {braces} are filled by the builders; in hover templates some are Plotly placeholders
such as %{customdata[1]}, so keep every {name} of a template when translating it.
"""

STRINGS: dict[str, str] = {
    # Shared wording.
    "chart.common.list_separator": "; ",
    "chart.common.comma": ", ",
    "chart.common.and_join": "{head} and {last}",
    "chart.common.objectives.one": "1 objective",
    "chart.common.objectives.other": "{count} objectives",
    # {word} is the framework's own word for its top-level items (pillar, focus area, goal).
    "chart.common.open_period": "{label} (no end date)",
    "chart.common.items.one": "1 {word}",
    "chart.common.items.other": "{count} {words}",
    # Theme coverage (grouped bars).
    "chart.coverage.title_count": "Objectives per theme, by framework",
    "chart.coverage.title_share": "Share of each framework's objectives by theme",
    "chart.coverage.hover": (
        "<b>{framework}</b><br>{theme}<br>Objectives: {count}<br>Share of the framework's theme tags: {share}"
    ),
    "chart.coverage.summary": "The objectives touch {covered} of {themes} themes: {parts}.",
    "chart.coverage.summary_part": "{framework} has {objectives}, most often on {themes} ({count}, {share} of its theme tags)",
    "chart.coverage.summary_part_tie": (
        "{framework} has {objectives}, most often on {themes} ({count} each, {share} of its theme tags each)"
    ),
    "chart.coverage.summary_empty": "No objectives match the current filters, so there is no theme coverage to show.",
    # Crosswalk (Sankey).
    "chart.crosswalk.title": "From {source} ({source_phase}) to {target} ({target_phase}) · {analysis}",
    "chart.crosswalk.title_plain": "Crosswalk · {analysis}",
    "chart.crosswalk.new_node": "New in {target}",
    "chart.crosswalk.dropped_node": "Not carried over",
    "chart.crosswalk.node_hover": "{node}<br>Links: {count}",
    "chart.crosswalk.link_hover": "<b>{relation}</b>: {source} → {target}<br>Links: {count}<br>{details}",
    "chart.crosswalk.link_detail": "• {source} → {target}: {rationale}",
    "chart.crosswalk.more_links": "+{count} more links",
    "chart.crosswalk.key_other": "Not touching the selected themes",
    "chart.crosswalk.links.one": "1 crosswalk link",
    "chart.crosswalk.links.other": "{count} crosswalk links",
    "chart.crosswalk.relation_count.continued": "{count} continued",
    "chart.crosswalk.relation_count.expanded": "{count} expanded",
    "chart.crosswalk.relation_count.narrowed": "{count} narrowed",
    "chart.crosswalk.relation_count.new": "{count} new",
    "chart.crosswalk.relation_count.dropped": "{count} dropped",
    "chart.crosswalk.summary": "The project's analysis records {links} from {source} to {target} for the phases shown: {relations}.",
    "chart.crosswalk.summary_empty": "The project's analysis records no crosswalk links that match the current filters.",
    # Timeline.
    "chart.timeline.title": "U.S.–Mexico security cooperation, {start}–{end}",
    "chart.timeline.axis_category": "Category",
    "chart.timeline.axis_country": "Country",
    "chart.timeline.band.us": "U.S.",
    "chart.timeline.band.mx": "Mexico",
    "chart.timeline.date_month": "{date} (month)",
    "chart.timeline.date_year": "{date} (year)",
    "chart.timeline.kind": "{category} · {country}",
    "chart.timeline.hover": "<b>{title}</b><br>{date}<br>{kind}<br>Sources: {sources}",
    "chart.timeline.partial_key": "Month or year only (open marker)",
    "chart.timeline.key_continued": "{lane} (continued)",
    "chart.timeline.events.one": "1 event",
    "chart.timeline.events.other": "{count} events",
    "chart.timeline.summary": (
        "The timeline shows {events} from {start} to {end}; the busiest lane is {lane} ({lane_count}) "
        "and the busiest year is {year} ({year_count})."
    ),
    "chart.timeline.summary_empty": "No events between {start} and {end} match the current filters.",
    # Goals breakdown (sunburst and table).
    "chart.goals.title": "Goals breakdown: framework → pillar or goal → objective",
    "chart.goals.objective_hover": "<b>{label}</b><br>{text}<br>Themes: {theme}",
    "chart.goals.summary_part": "{framework} ({phase}) has {objectives} under {pillars}",
    "chart.goals.summary": "{parts}; the colour most segments wear is {theme} ({count} of {total} objectives; each is coloured by the selected theme it carries, else its first theme).",
    "chart.goals.summary_tie": (
        "{parts}; the colours most segments wear are {theme} ({count} of {total} objectives each; each is coloured by the selected theme it carries, else its first theme)."
    ),
    "chart.goals.summary_empty": "No objectives match the current filters.",
    "chart.goals.column.objective_id": "Id",
    "chart.goals.column.framework": "Framework",
    "chart.goals.column.pillar": "Pillar or goal",
    "chart.goals.column.objective": "Objective",
    "chart.goals.column.text": "Text",
    "chart.goals.column.themes": "Themes",
    "chart.goals.column.sources": "Sources",
    # Framework comparison (two columns of cards).
    "chart.comparison.title": "{frameworks} side by side",
    "chart.comparison.title_plain": "Two frameworks side by side",
    "chart.comparison.counts": "{pillars} · {objectives}",
    "chart.comparison.no_objectives": "No objectives shown",
    "chart.comparison.summary_part": "{framework} ({phase}) has {pillars} with {objectives}",
    "chart.comparison.summary": "Side by side, {parts}.",
    "chart.comparison.summary_empty": "No pillars or goals match the current filters.",
    # Crosswalk links in the comparison figure: {relation} is a relation's name, {other} e.g. 'goal 3'.
    "chart.comparison.badge_to": "{relation} → {other}",
    "chart.comparison.badge_from": "{relation} ← {other}",
    "chart.comparison.badge_titled": "{badge}: {title}",
    "chart.comparison.badge_new": "{relation}: no earlier counterpart",
    "chart.comparison.badge_dropped": "{relation}: not carried over",
    "chart.comparison.badge_count": "{badge} ({count} links)",
    "chart.comparison.key_label": "Crosswalk links · {analysis}:",
    "chart.comparison.key_other": "Not touching the selected themes",
    "chart.comparison.no_links": "No crosswalk links to draw: the project's analysis maps each framework onto the next one only.",
    "chart.comparison.links.one": "1 crosswalk link",
    "chart.comparison.links.other": "{count} crosswalk links",
    "chart.comparison.summary_links": "{summary}; badges and lines show {links} between them, the project's analysis.",
    # Outcome indicators.
    "chart.indicators.title": "Outcome indicators by year",
    "chart.indicators.as_of": "as of {date}",
    "chart.indicators.hover": "<b>{when}</b>: {value} {unit}{status}{note}",
    "chart.indicators.preliminary_note": " (preliminary)",
    "chart.indicators.key_final": "Final value",
    "chart.indicators.key_preliminary": "Preliminary value (open marker)",
    "chart.indicators.summary_part": (
        "{label} went from {first} {unit} ({first_when}) to {last} {unit} ({last_when}{preliminary}){missing}"
    ),
    "chart.indicators.summary_preliminary": ", preliminary",
    "chart.indicators.summary_missing.one": ", with 1 year missing",
    "chart.indicators.summary_missing.other": ", with {count} years missing",
    "chart.indicators.summary": "{parts}.",
    "chart.indicators.summary_empty": "No indicator is selected, or the selected ones have no values.",
}
