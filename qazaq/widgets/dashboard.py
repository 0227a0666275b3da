"""ProgressDashboard: what the learner has learned, what is due, retention, time spent and the
lessons' self-check scores; ``panels`` adds views made higher up (mastery per grammar point:
``qazaq.mastery.dashboard()``)."""
from __future__ import annotations

import base64
import html
import io
from datetime import datetime, timedelta, timezone

import ipywidgets as widgets
import pandas as pd

from qazaq import progress, settings
from qazaq.content.lessons import LessonError, load
from qazaq.i18n import t
from qazaq.scheduler import State, rating_for
from qazaq.widgets import direction
from qazaq.widgets.course_page import course_page

CHART_DAYS = 14
RETENTION_DAYS = 30


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(timezone.utc)


def reviews_frame(store: progress.Progress) -> pd.DataFrame:
    df = pd.DataFrame(store.reviews(), columns=["key", "rating", "verdict", "reviewed_at", "duration_ms", "family", "lesson", "hints"])
    df["reviewed_at"] = pd.to_datetime(df["reviewed_at"], utc=True, format="ISO8601")
    return df


def streak(df: pd.DataFrame, now: datetime) -> int:
    """Consecutive days, ending today, with at least one review."""
    days = set(df["reviewed_at"].dt.date)
    day, count = now.date(), 0
    while day in days:
        count, day = count + 1, day - timedelta(days=1)
    return count


def lesson_label(key: str | None) -> str:
    """"08-past" as the learner knows it, "8 · Өткен шақ…"; other keys (abai/qys, gallery) as they are."""
    if not key:
        return "—"
    if key[:2].isdigit():
        try:
            return f"{int(key[:2])} · {load(int(key[:2]))['title_kk']}"
        except (LessonError, OSError, KeyError, ValueError):  # a lesson renamed or removed since
            return key
    return key


class ProgressDashboard(widgets.VBox):
    """``ProgressDashboard(*, show_streak=False, now=None, panels=())``: tables and a chart; Refresh
    re-reads (and refreshes every panel that has a ``refresh``)."""

    def __init__(self, *, show_streak: bool = False, now: datetime | None = None, panels=()) -> None:
        self.show_streak, self.fixed_now = show_streak, now
        self.tables = widgets.HTML()
        self.chart = widgets.HTML()
        self.panels = list(panels)
        self.refresh_button = widgets.Button()
        self.refresh_button.on_click(lambda _b: self.refresh())
        bridge = getattr(progress.store().backend, "bridge", None)
        super().__init__([self.refresh_button, self.tables, *self.panels, self.chart, course_page()]
                         + ([bridge] if bridge else []))
        self.add_class("qz-dashboard")
        settings.on_change(self.refresh)
        if bridge is not None:  # on public pages the browser's progress arrives after start-up
            bridge.observe(lambda _c: self.refresh(), names="loaded")
        self.refresh()

    def summary(self) -> pd.DataFrame:
        store, now = progress.store(), _now(self.fixed_now)
        records, df = store.records(), reviews_frame(store)
        end_of_day = now.replace(hour=23, minute=59, second=59)
        recent = df[df["reviewed_at"] >= now - timedelta(days=RETENTION_DAYS)]
        again = int(rating_for("again"))
        retention = f"{(recent['rating'] != again).mean():.0%}" if len(recent) else "—"
        minutes = (df["duration_ms"].fillna(0).sum() / 60000) if len(df) else 0
        rows = [
            ("dash.cards_seen", len(records)),
            ("dash.cards_learned", sum(r.card.state == State.Review for r in records)),
            ("dash.due_now", len(store.due(now))),  # exactly what the review session offers now
            ("dash.due_today", sum(r.card.due <= end_of_day for r in records)),
            ("dash.reviews", len(df)),
            ("dash.retention", retention),
            ("dash.time_spent", t("dash.minutes", n=round(minutes))),
        ]
        if self.show_streak:
            rows.append(("dash.streak", streak(df, now)))
        return pd.DataFrame({t("dash.metric"): [t(k) for k, _ in rows], t("dash.value"): [str(v) for _, v in rows]})

    def by_lesson(self) -> pd.DataFrame:
        now = _now(self.fixed_now)
        end_of_day = now.replace(hour=23, minute=59, second=59)
        rows = [{"lesson": lesson_label(r.lesson), "learned": r.card.state == State.Review, "due": r.card.due <= end_of_day}
                for r in progress.store().records()]
        df = pd.DataFrame(rows, columns=["lesson", "learned", "due"])
        table = df.groupby("lesson").agg(cards=("learned", "size"), learned=("learned", "sum"), due=("due", "sum"))
        table = table.reset_index()
        table.columns = [t("dash.lesson"), t("dash.cards"), t("dash.learned"), t("dash.due")]
        return table

    def self_checks(self) -> pd.DataFrame:
        """Per lesson with a self-check: last and best score ("5 / 7") and the last date."""
        scores = progress.store().self_checks()
        return pd.DataFrame({t("dash.lesson"): [lesson_label(key) for key in scores],
                             t("dash.last"): [f"{s.last} / {s.total}" for s in scores.values()],
                             t("dash.best"): [f"{s.best} / {s.total}" for s in scores.values()],
                             t("dash.date"): [s.date[:10] for s in scores.values()]})

    def chart_png(self) -> bytes:
        """Reviews per day for the last two weeks (Again vs remembered), as PNG."""
        # matplotlib here, not on top: only when the chart is drawn; no pyplot: no global state in a shared kernel
        from matplotlib.figure import Figure

        now = _now(self.fixed_now)
        df = reviews_frame(progress.store())
        days = pd.date_range(end=now.date(), periods=CHART_DAYS, freq="D").date
        df["day"] = df["reviewed_at"].dt.date
        again = df[df["rating"] == int(rating_for("again"))].groupby("day").size().reindex(days, fill_value=0)
        total = df.groupby("day").size().reindex(days, fill_value=0)
        fig = Figure(figsize=(6, 2.4), dpi=96)
        ax = fig.subplots()
        labels = [d.strftime("%d.%m") for d in days]
        ax.bar(labels, total - again, label=t("dash.remembered"), color="#2a9d8f")
        ax.bar(labels, again, bottom=total - again, label=t("dash.forgotten"), color="#e76f51")
        ax.set_title(t("dash.chart_title"))
        ax.tick_params(axis="x", labelrotation=60, labelsize=7)
        ax.legend(loc="upper left", fontsize=7)
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
        return buffer.getvalue()

    def _self_checks_html(self) -> str:
        table = self.self_checks()
        if not len(table):
            return ""
        return f"<h4>{html.escape(t('dash.self_checks'))}</h4>" + table.to_html(index=False, border=0)

    def refresh(self) -> None:
        direction.follow(self)
        self.refresh_button.description = t("button.refresh")
        self.tables.value = (
            f"<h4>{html.escape(t('dash.summary'))}</h4>" + self.summary().to_html(index=False, border=0)
            + f"<h4>{html.escape(t('dash.by_lesson'))}</h4>" + self.by_lesson().to_html(index=False, border=0)
            + self._self_checks_html()
        )
        for panel in self.panels:
            if hasattr(panel, "refresh"):
                panel.refresh()
        png = base64.b64encode(self.chart_png()).decode()
        alt = html.escape(t("dash.chart_title"), quote=True)
        self.chart.value = f'<img src="data:image/png;base64,{png}" alt="{alt}" style="max-width:100%">'
