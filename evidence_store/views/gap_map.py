"""The evidence gap map: interventions (or topics) by outcome, with the gaps counted and marked."""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from core.csv_export import streaming_csv_response
from evidence_store import fragments, gap_exports, gap_layers, gap_needs, gaps
from evidence_store.gap_filters import FILTERS, VIEWS, GapMapFilter, query_without, read_filters
from evidence_store.ratings import Strength

# More rows than this are not a map anyone can read: the page says so and offers the topic view.
MATRIX_LIMIT = 100
# A layer's marker, shown with its words; shapes differ, so colour is never needed.
MARKERS = ["◆", "▲", "■", "★"]
NEEDS_SHOWN = 5
# What the map reads from its address; anything else is dropped before it is read.
PARAMETERS = ["view", *FILTERS]


@dataclass(frozen=True)
class Layer:
    marker: str
    layer: gap_layers.GapLayer

    def covers(self, topic_id: int | None, outcome_id: int) -> bool:
        return (topic_id, outcome_id) in self.layer.pairs


def _layers() -> list[Layer]:
    return [Layer(MARKERS[i % len(MARKERS)], layer) for i, layer in enumerate(gap_layers.layers())]


def _layers_key(layers: list[Layer]) -> str:
    """The layers as part of the cache key: other apps build them (PINE from its open calls,
    which open and close with the clock), so no evidence write says when they change."""
    return repr([
        (item.marker, item.layer.key, item.layer.legend, sorted(item.layer.pairs),
         item.layer.link_text, item.layer.link_url)
        for item in layers
    ])  # fmt: skip


def _marks(layers: list[Layer], topic_id: int | None, outcome_id: int, is_gap: bool) -> list:
    return [layer for layer in layers if is_gap and layer.covers(topic_id, outcome_id)]


def _matrix_context(form: GapMapFilter, layers: list[Layer]) -> dict:
    topics = form.chosen("topic") or None
    matrix = gaps.matrix(
        form.interventions(), topics=topics, outcomes=form.chosen("outcome") or None,
        limit=MATRIX_LIMIT,
    )  # fmt: skip
    groups = []
    for group in matrix.groups:
        topic_id = group.topic.pk if group.topic else None
        rows = [
            (row, [(cell, _marks(layers, topic_id, cell.outcome.pk, cell.is_gap)) for cell in row.cells])
            for row in group.rows
        ]  # fmt: skip
        groups.append((group.topic, rows))
    marked = {
        layer.layer.key: sum(
            1 for _, rows in groups for _, cells in rows for _, marks in cells if layer in marks
        )
        for layer in layers
    }
    return {"matrix": matrix, "groups": groups, "marked": marked, "limit": MATRIX_LIMIT}


def _topic_context(cells: list[gaps.TopicGap], layers: list[Layer]) -> dict:
    outcomes = list(dict.fromkeys(cell.outcome for cell in cells))
    rows: dict = {}
    for cell in cells:
        rows.setdefault(cell.topic, []).append(
            (cell, _marks(layers, cell.topic.pk, cell.outcome.pk, cell.is_gap))
        )
    column_gaps = [sum(c.is_gap for c in cells if c.outcome == outcome) for outcome in outcomes]
    marked = {
        layer.layer.key: sum(1 for r in rows.values() for _, marks in r if layer in marks)
        for layer in layers
    }
    return {
        "topic_outcomes": list(zip(outcomes, column_gaps, strict=True)),
        "topic_rows": [
            (topic, r, sum(c.is_gap for c, _ in r), r[0][0].interventions)
            for topic, r in rows.items()
        ],
        "marked": marked,
        "illustrative": any(cell.illustrative for cell in cells),
    }


def _topic_cells(form: GapMapFilter) -> list[gaps.TopicGap]:
    return gaps.topic_gaps(
        form.interventions(),
        topics=form.chosen("topic") or None,
        outcomes=form.chosen("outcome") or None,
    )


@require_safe
def gap_map(request: HttpRequest) -> HttpResponse:
    params = fragments.kept(request.GET, PARAMETERS)
    layers = _layers()
    fragment = fragments.cached(
        "gap_map", params.urlencode(), _layers_key(layers),
        render=lambda: _map(request, params, layers),
    )  # fmt: skip
    return render(request, "evidence_store/gap_map.html", {"fragment": fragment})


def _map(request: HttpRequest, params: QueryDict, layers: list[Layer]) -> fragments.Fragment:
    """The map, its filters and where evidence is needed, for the parameters given."""
    form, bad_parameters = read_filters(params)
    cells = _topic_cells(form)
    outcome_needs, topic_needs = gap_needs.needs(cells)
    view = form.view_key
    context = {
        "form": form,
        "bad_parameters": bad_parameters,
        "view": view,
        "views": [(key, label, _with_view(params, key)) for key, label in VIEWS.items()],
        "layers": layers,
        "outcome_needs": [need for need in outcome_needs if need.gaps][:NEEDS_SHOWN],
        "topic_needs": [need for need in topic_needs if need.gaps][:NEEDS_SHOWN],
        "filter_tags": _filter_tags(params, form),
        "download_query": query_without(params, "view"),
    }
    if view == "topic":
        context.update(_topic_context(cells, layers))
    else:
        context.update(_matrix_context(form, layers))
    context["legends"] = [(layer, context["marked"][layer.layer.key]) for layer in layers]
    html = render_to_string("evidence_store/fragments/gap_map.html", context, request)
    title = f"Evidence gap map{': topics by outcome' if view == 'topic' else ''} – Evidence store"
    return fragments.Fragment(html=html, title=f"Error: {title}" if bad_parameters else title)


def _with_view(params: QueryDict, key: str) -> str:
    params = params.copy()
    params["view"] = key
    return params.urlencode()


def _filter_tags(params: QueryDict, form: GapMapFilter) -> list[tuple[str, str]]:
    """(label, query without it) for each filter value applied."""
    tags = []
    for name in FILTERS:
        field = form.fields[name]
        value = form.cleaned_data.get(name)
        if name == "strength":
            if value:
                label = f"{field.label}: {dict(Strength.choices)[value]}"
                tags.append((label, query_without(params, name)))
            continue
        for item in value or []:
            tags.append((f"{field.label}: {item.name}", query_without(params, name, item.slug)))
    return tags


@require_safe
def matrix_csv(request: HttpRequest) -> HttpResponse:
    form, _ = read_filters(request.GET)
    export = gap_exports.GAP_MATRIX
    rows = gap_exports.matrix_rows(
        form.interventions(),
        topics=form.chosen("topic") or None,
        outcomes=form.chosen("outcome") or None,
    )
    return streaming_csv_response(export.filename, export.header, rows, export.fixed_columns)


@require_safe
def gaps_csv(request: HttpRequest) -> HttpResponse:
    form, _ = read_filters(request.GET)
    export = gap_exports.GAP_LIST
    rows = gap_exports.gap_rows(_topic_cells(form), gap_layers.layers())
    return streaming_csv_response(export.filename, export.header, rows, export.fixed_columns)
