"""Make the README's screenshots of the annotator's window, under Xvfb.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python resources/screenshots/make.py

Builds a throwaway project whose first statement has nested ACTORs, a CLAIM over two
lines, three CLAIMANT arcs and a search hit over a span, then grabs the window in English
and Arabic, light and dark, with the guidelines pane and the search panel open. The
statement is annotated through the store, as the editor would; nothing here reaches past
the composition root.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from core.formats.registry import READERS  # noqa: E402
from core.paths import DEFAULT_SCHEMA  # noqa: E402
from core.schema import load_schema  # noqa: E402
from gui.app import compose  # noqa: E402
from gui.i18n import UiLanguage  # noqa: E402
from gui.settings import Settings  # noqa: E402
from store.importer import import_records  # noqa: E402
from store.project import Project  # noqa: E402

ANNOTATOR = "amal"
STATEMENT = (
    "أعلن المتحدث باسم وزارة الخارجية المصرية أن الحكومة تطالب بوقف إطلاق النار فورًا "
    "وفتح المعابر أمام المساعدات الإنسانية، فيما دعت منظمة العفو الدولية إلى حماية المدنيين، "
    "وأكدت نقابة الصحفيين رفضها لاعتقال الصحفيين 🇸🇾."
)
OTHERS = (
    "طالبت منظمة العفو الدولية بالإفراج عن المعتقلين السياسيين.",
    "دعا الاتحاد الأوروبي إلى استئناف المفاوضات دون شروط مسبقة.",
    "رفضت النقابة قرار الحكومة رفع أسعار الوقود.",
)
# (label, text, which occurrence), in the order they are added
SPANS = (
    ("ACTOR", "المتحدث باسم وزارة الخارجية المصرية", 0),
    ("ACTOR", "وزارة الخارجية المصرية", 0),
    ("CLAIM", "تطالب بوقف إطلاق النار فورًا وفتح المعابر أمام المساعدات الإنسانية", 0),
    ("ACTOR", "منظمة العفو الدولية", 0),
    ("CLAIM", "حماية المدنيين", 0),
    ("ACTOR", "نقابة الصحفيين", 0),
    ("CLAIM", "رفضها لاعتقال الصحفيين", 0),
)
# (head's index in SPANS, tail's index)
LINKS = ((0, 2), (3, 4), (5, 6))
QUERY = "العفو"


def offsets(text: str, part: str, occurrence: int) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def build(path: Path) -> None:
    source = path.with_suffix(".txt")
    source.write_text("\n".join((STATEMENT, *OTHERS)) + "\n", encoding="utf-8")
    with Project.create(path, load_schema(DEFAULT_SCHEMA), name="screenshots") as project:
        with source.open("rb") as stream:
            import_records(project, READERS["txt"](stream, str(source)), file=str(source))
        ids = []
        for label, part, occurrence in SPANS:
            start, end = offsets(STATEMENT, part, occurrence)
            ids.append(project.add_span(statement=1, annotator=ANNOTATOR, label=label, start=start, end=end).id)
        for span, stance in zip((s for s in project.spans(1, ANNOTATOR) if s.label == "CLAIM"),
                                ("support", "support", "oppose"), strict=False):
            project.set_span_attrs(span.id, {"stance": stance})
        for head, tail in LINKS:
            project.add_relation(head=ids[head], tail=ids[tail], label="CLAIMANT")
        project.set_status(statement=2, annotator=ANNOTATOR, status="done")


def shoot(app: QApplication, project_path: Path, work: Path, language: str, theme: str, out: Path) -> None:
    settings = Settings(QSettings(str(work / f"settings-{language}-{theme}.ini"), QSettings.Format.IniFormat))
    ui = UiLanguage(app, settings)
    ui.apply(language)
    project = Project.open(project_path, check=False)
    bench = compose(project, settings, ANNOTATOR, language=ui, check_integrity=False)
    window = bench.window
    if bench.theme is not None:
        bench.theme.choose(theme)
    window.resize(1600, 900)
    window.show()
    for _ in range(20):
        app.processEvents()  # the theme's repaint and reopening settle first
    window.open_statement(1)
    bench.search.show_panel()
    bench.search.panel.query_edit.setText(QUERY)
    bench.search.panel.run_search()
    if bench.guidelines is not None:
        bench.guidelines.show_pane()
    spans = window.editor.spans
    window.editor.select_span(next(s.id for s in spans if s.label == "CLAIM"))
    window.focus_editor()
    for _ in range(20):
        app.processEvents()
    window.grab().save(str(out))
    print(f"wrote {out}")
    window.close()
    project.close()


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    work = Path(tempfile.mkdtemp(prefix="bayan-shots-"))
    project_path = work / "screenshots.bayan"
    build(project_path)
    for language, suffix in (("en", ""), ("ar", "-ar")):
        for theme in ("light", "dark"):
            name = f"workbench{suffix}{'-dark' if theme == 'dark' else ''}.png"
            shoot(app, project_path, work, language, theme, HERE / name)


if __name__ == "__main__":
    main()
