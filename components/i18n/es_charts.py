"""Spanish strings of the figure builders (titles, axis labels, hover labels, summaries).

Same keys and the same {placeholders} as en_charts.py (a test checks both). Mexican Spanish.
"""

STRINGS: dict[str, str] = {
    # Shared wording.
    "chart.common.list_separator": "; ",
    "chart.common.comma": ", ",
    "chart.common.and_join": "{head} y {last}",
    "chart.common.objectives.one": "1 objetivo",
    "chart.common.objectives.other": "{count} objetivos",
    "chart.common.open_period": "{label} (sin fecha de término)",
    "chart.common.items.one": "1 {word}",
    "chart.common.items.other": "{count} {words}",
    # Theme coverage (grouped bars).
    "chart.coverage.title_count": "Objetivos por tema, por marco",
    "chart.coverage.title_share": "Proporción de los objetivos de cada marco por tema",
    "chart.coverage.hover": (
        "<b>{framework}</b><br>{theme}<br>Objetivos: {count}<br>Proporción de las etiquetas temáticas del marco: {share}"
    ),
    "chart.coverage.summary": "Los objetivos abarcan {covered} de {themes} temas: {parts}.",
    "chart.coverage.summary_part": "{framework} tiene {objectives}, con más frecuencia sobre {themes} ({count}, {share} de sus etiquetas temáticas)",
    "chart.coverage.summary_part_tie": (
        "{framework} tiene {objectives}, con más frecuencia sobre {themes} ({count} cada uno, {share} de sus etiquetas temáticas cada uno)"
    ),
    "chart.coverage.summary_empty": "Ningún objetivo coincide con los filtros actuales, así que no hay cobertura temática que mostrar.",
    # Crosswalk (Sankey).
    "chart.crosswalk.title": "De {source} ({source_phase}) a {target} ({target_phase}) · {analysis}",
    "chart.crosswalk.title_plain": "Correspondencias · {analysis}",
    "chart.crosswalk.new_node": "Nuevo en {target}",
    "chart.crosswalk.dropped_node": "Sin continuidad",
    "chart.crosswalk.node_hover": "{node}<br>Vínculos: {count}",
    "chart.crosswalk.link_hover": "<b>{relation}</b>: {source} → {target}<br>Vínculos: {count}<br>{details}",
    "chart.crosswalk.link_detail": "• {source} → {target}: {rationale}",
    "chart.crosswalk.more_links": "{count} vínculos más",
    "chart.crosswalk.key_other": "No tocan los temas seleccionados",
    "chart.crosswalk.links.one": "1 vínculo de correspondencia",
    "chart.crosswalk.links.other": "{count} vínculos de correspondencia",
    "chart.crosswalk.relation_count.continued": "{count} con continuidad",
    "chart.crosswalk.relation_count.expanded": "{count} ampliados",
    "chart.crosswalk.relation_count.narrowed": "{count} acotados",
    "chart.crosswalk.relation_count.new": "{count} nuevos",
    "chart.crosswalk.relation_count.dropped": "{count} sin continuidad",
    "chart.crosswalk.summary": "El análisis del proyecto registra {links} de {source} a {target} para las fases mostradas: {relations}.",
    "chart.crosswalk.summary_empty": "El análisis del proyecto no registra vínculos de correspondencia que coincidan con los filtros actuales.",
    # Timeline.
    "chart.timeline.title": "Cooperación en seguridad Estados Unidos–México, {start}–{end}",
    "chart.timeline.axis_category": "Categoría",
    "chart.timeline.axis_country": "País",
    "chart.timeline.band.us": "EE. UU.",
    "chart.timeline.band.mx": "México",
    "chart.timeline.date_month": "{date} (mes)",
    "chart.timeline.date_year": "{date} (año)",
    "chart.timeline.kind": "{category} · {country}",
    "chart.timeline.hover": "<b>{title}</b><br>{date}<br>{kind}<br>Fuentes: {sources}",
    "chart.timeline.partial_key": "Solo mes o año (marcador hueco)",
    "chart.timeline.key_continued": "{lane} (continuación)",
    "chart.timeline.events.one": "1 acontecimiento",
    "chart.timeline.events.other": "{count} acontecimientos",
    "chart.timeline.summary": (
        "La línea de tiempo muestra {events} de {start} a {end}; el carril con más acontecimientos es {lane} "
        "({lane_count}) y el año con más, {year} ({year_count})."
    ),
    "chart.timeline.summary_empty": "Ningún acontecimiento entre {start} y {end} coincide con los filtros actuales.",
    # Goals breakdown (sunburst and table).
    "chart.goals.title": "Desglose de metas: marco → pilar o meta → objetivo",
    "chart.goals.objective_hover": "<b>{label}</b><br>{text}<br>Temas: {theme}",
    "chart.goals.summary_part": "{framework} ({phase}) tiene {objectives} en {pillars}",
    "chart.goals.summary": "{parts}; el color que más segmentos llevan es {theme} ({count} de {total} objetivos; cada uno lleva el color del tema seleccionado que tiene o, si no, el de su primer tema).",
    "chart.goals.summary_tie": (
        "{parts}; los colores que más segmentos llevan son {theme} ({count} de {total} objetivos cada uno; cada objetivo lleva el color del tema seleccionado que tiene o, si no, el de su primer tema)."
    ),
    "chart.goals.summary_empty": "Ningún objetivo coincide con los filtros actuales.",
    "chart.goals.column.objective_id": "Id",
    "chart.goals.column.framework": "Marco",
    "chart.goals.column.pillar": "Pilar o meta",
    "chart.goals.column.objective": "Objetivo",
    "chart.goals.column.text": "Texto",
    "chart.goals.column.themes": "Temas",
    "chart.goals.column.sources": "Fuentes",
    # Framework comparison (two columns of cards).
    "chart.comparison.title": "{frameworks}, lado a lado",
    "chart.comparison.title_plain": "Dos marcos, lado a lado",
    "chart.comparison.counts": "{pillars} · {objectives}",
    "chart.comparison.no_objectives": "No se muestran objetivos",
    "chart.comparison.summary_part": "{framework} ({phase}) tiene {pillars} con {objectives}",
    "chart.comparison.summary": "Lado a lado, {parts}.",
    "chart.comparison.summary_empty": "Ningún pilar o meta coincide con los filtros actuales.",
    "chart.comparison.badge_to": "{relation} → {other}",
    "chart.comparison.badge_from": "{relation} ← {other}",
    "chart.comparison.badge_titled": "{badge}: {title}",
    "chart.comparison.badge_new": "{relation}: sin antecedente",
    "chart.comparison.badge_dropped": "{relation}: sin continuidad",
    "chart.comparison.badge_count": "{badge} ({count} vínculos)",
    "chart.comparison.key_label": "Vínculos de correspondencia · {analysis}:",
    "chart.comparison.key_other": "No tocan los temas seleccionados",
    "chart.comparison.no_links": "No hay vínculos de correspondencia que dibujar: el análisis del proyecto relaciona cada marco solo con el siguiente.",
    "chart.comparison.links.one": "1 vínculo de correspondencia",
    "chart.comparison.links.other": "{count} vínculos de correspondencia",
    "chart.comparison.summary_links": "{summary}; las etiquetas y líneas muestran {links} entre ellos, según el análisis del proyecto.",
    # Outcome indicators.
    "chart.indicators.title": "Indicadores de resultados por año",
    "chart.indicators.as_of": "al {date}",
    "chart.indicators.hover": "<b>{when}</b>: {value} {unit}{status}{note}",
    "chart.indicators.preliminary_note": " (preliminar)",
    "chart.indicators.key_final": "Valor definitivo",
    "chart.indicators.key_preliminary": "Valor preliminar (marcador hueco)",
    "chart.indicators.summary_part": (
        "{label} pasó de {first} {unit} ({first_when}) a {last} {unit} ({last_when}{preliminary}){missing}"
    ),
    "chart.indicators.summary_preliminary": ", preliminar",
    "chart.indicators.summary_missing.one": ", con 1 año faltante",
    "chart.indicators.summary_missing.other": ", con {count} años faltantes",
    "chart.indicators.summary": "{parts}.",
    "chart.indicators.summary_empty": "No hay indicador seleccionado, o los seleccionados no tienen valores.",
}
