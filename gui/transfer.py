"""File → Import… and File → Export…: the CLI's formats, on a worker thread with progress.

The worker opens its own connection (`Project.open`): sqlite3 connections stay in the
thread that made them. An import is one transaction over all its files, so a cancelled
or failed import leaves the project unchanged; an export is written to a temporary file
(or folder) that replaces the target only when complete, by the rules of the command line
(store/transfer.py, core/files.py): never over a SQLite file, never over a file Bayan did not
write, and a folder format only into a new or empty folder or an earlier Bayan export. The
formats are read from `core.formats.registry` when a dialog opens, so new formats appear
without changes here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from core.errors import BayanError, NoAnnotator
from core.formats import brat, registry
from core.formats.report import (
    BLANK_TEXT,
    CATS_IN_META,
    CHOICES_IN_META,
    DRAFT,
    IGNORED_SPAN,
    IGNORED_TASK,
    OTHER_META,
    REJECTED_SUGGESTION,
    UNUSED_PREDICTION,
    LossKind,
)
from core.model import GOLD
from gui.features import DockSide, Section
from gui.session import EditSession
from store.importer import ImportReport
from store.project import Project
from store.selection import FINISHED
from store.transfer import Cancelled, ProgressFn, StopFn, export_to, import_files, import_formats

# The progress bar counts in thousandths.
STEPS = 1000


# ------------------------------------------------------------ the worker (Qt)


class TransferWorker(QThread):
    """Runs one job off the GUI thread; its outcome arrives as exactly one signal."""

    progressed = Signal(int)  # thousandths done, -1 while unknown
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, job: Callable[[ProgressFn, StopFn], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self._last = -2

    def _progress(self, fraction: float | None) -> None:
        step = -1 if fraction is None else int(max(0.0, min(fraction, 1.0)) * STEPS)
        if step != self._last:
            self._last = step
            self.progressed.emit(step)

    def run(self) -> None:
        try:
            result = self.job(self._progress, self.isInterruptionRequested)
        except Cancelled:
            self.cancelled.emit()
        except NoAnnotator as exc:
            # The command line's remedy (a flag) means nothing here: the dialog has the field.
            remedy = QCoreApplication.translate("Transfer", "choose the annotator in the import dialog")
            self.failed.emit(f"{exc.where()}: {exc.problem}; {remedy}")
        except (BayanError, OSError) as exc:
            message = str(exc)
            if isinstance(exc, OSError) and exc.filename:
                message = f"{exc.filename}: {exc.strerror or exc}"
            self.failed.emit(message)
        except Exception as exc:  # noqa: BLE001 (e.g. a locked database: shown, not lost in a thread)
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.succeeded.emit(result)


@dataclass(slots=True)
class _Running:
    worker: TransferWorker
    dialog: QProgressDialog
    kind: str  # "import" or "export"


class Transfer(QObject):
    """File → Import… and File → Export… of one edit session's project.

    Dialogs and messages open over `parent` (the window). What the rest of the window does
    about a job goes out as signals: `busyChanged` (the time tracker pauses its writes
    meanwhile), `imported` (re-read the project), `message` (a line for the status bar).
    """

    finished = Signal(str, bool)  # kind, success
    busyChanged = Signal(bool)
    imported = Signal()
    message = Signal(str)

    def __init__(self, session: EditSession, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.parent_widget = parent
        self.running: _Running | None = None
        self.message_box: QMessageBox | None = None
        self.last_message = ""
        self.import_action = QAction(self.tr("&Import…"), self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.ask_import)
        self.export_action = QAction(self.tr("&Export…"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export_action.triggered.connect(self.ask_export)

    def actions(self) -> Mapping[Section, Sequence[QAction]]:
        return {Section.TRANSFER: [self.import_action, self.export_action]}

    def docks(self) -> Sequence[tuple[DockSide, QDockWidget]]:
        return []

    def busy(self) -> bool:
        return self.running is not None

    def shutdown(self) -> None:
        """The window is closing: a running job stops (an import rolls back) before the thread object goes."""
        self.wait()

    # ----------------------------------------------------------- starting

    def start_import(
        self, paths: list[Path], *, fmt: str = "auto", annotator: str | None = None, add_labels: bool = False,
        strict: bool = False,
    ) -> None:
        project_path = self.session.project.path

        def job(progress: ProgressFn, stop: StopFn) -> object:
            with Project.open(project_path, check=False) as project:
                return import_files(
                    project, paths, fmt=fmt, annotator=annotator, add_labels=add_labels, strict=strict,
                    progress=progress, should_stop=stop,
                )

        names = ", ".join(p.name for p in paths)
        self._start("import", job, self.tr("Importing {0}…").replace("{0}", names))

    def start_export(
        self, out: Path, *, fmt: str = "jsonl", annotator: str | None = None, which: str = FINISHED
    ) -> None:
        project_path = self.session.project.path

        def job(progress: ProgressFn, stop: StopFn) -> object:
            with Project.open(project_path, check=False, read_only=True) as project:
                return export_to(
                    project, str(out), fmt=fmt, annotator=annotator, which=which,
                    progress=progress, should_stop=stop,
                )

        self._start("export", job, self.tr("Exporting to {0}…").replace("{0}", out.name))

    def _start(self, kind: str, job: Callable[[ProgressFn, StopFn], object], label: str) -> None:
        if self.running is not None:
            return
        # Before the job takes the project's write lock: the window's own writes (time) pause.
        self.busyChanged.emit(True)
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, STEPS, self.parent_widget)
        dialog.setWindowTitle(self.tr("Import") if kind == "import" else self.tr("Export"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        worker = TransferWorker(job, self)
        worker.progressed.connect(lambda step: self._progressed(dialog, step))
        worker.succeeded.connect(lambda result: self._succeeded(kind, result))
        worker.failed.connect(lambda message: self._failed(kind, message))
        worker.cancelled.connect(lambda: self._cancelled(kind))
        worker.finished.connect(self._finished)
        dialog.canceled.connect(worker.requestInterruption)
        self.running = _Running(worker, dialog, kind)
        worker.start()

    def cancel(self) -> None:
        if self.running is not None:
            self.running.worker.requestInterruption()

    def wait(self) -> None:
        """Block until the job ends (closing the window)."""
        if self.running is not None:
            self.running.worker.requestInterruption()
            self.running.worker.wait()

    # ----------------------------------------------------------- outcomes

    @staticmethod
    def _progressed(dialog: QProgressDialog, step: int) -> None:
        if step < 0:
            dialog.setRange(0, 0)  # a busy indicator: the size of the work is unknown
        else:
            if dialog.maximum() == 0:
                dialog.setRange(0, STEPS)
            dialog.setValue(step)

    def _succeeded(self, kind: str, result: object) -> None:
        if kind == "import":
            reports: list[ImportReport] = result  # type: ignore[assignment]
            lines = []
            for r in reports:
                line = self.tr("{0}: {1} records, {2} new statements, {3} new spans, {4} new relations")
                values = [f"{n:,}" for n in (r.records, r.statements_added, r.spans_added, r.relations_added)]
                for i, value in enumerate([Path(r.file).name, *values]):
                    line = line.replace(f"{{{i}}}", value)
                if r.labels_added:
                    line += " " + self.tr("(new labels: {0})").replace("{0}", ", ".join(r.labels_added))
                lines.append(line)
                lines += ["  " + self.loss_text(kind, n) for kind, n in r.losses.items()]
            self.imported.emit()
            self._message(QMessageBox.Icon.Information, self.tr("Import finished"), "\n".join(lines))
        else:
            count = int(result)  # type: ignore[call-overload]
            self._message(
                QMessageBox.Icon.Information, self.tr("Export finished"),
                self.tr("Wrote {0} records.").replace("{0}", f"{count:,}"),
            )
        self.finished.emit(kind, True)

    def loss_text(self, kind: LossKind, n: int) -> str:
        """One line of what an import left out (core/formats/report.py), in the UI's language.

        Kinds this window does not know (a reader's own) read as the core words them.
        """
        # English needs its singular written out; Arabic's plural forms come from %n.
        one = n == 1
        if kind == BLANK_TEXT:
            return self.tr("skipped 1 blank text") if one else self.tr("skipped %n blank texts", "", n)
        if kind == REJECTED_SUGGESTION:
            return (self.tr("dropped 1 rejected suggestion") if one
                    else self.tr("dropped %n rejected suggestions", "", n))
        if kind == IGNORED_TASK:
            return self.tr("dropped 1 ignored task") if one else self.tr("dropped %n ignored tasks", "", n)
        if kind == IGNORED_SPAN:
            return (self.tr("dropped 1 span of an ignored task") if one
                    else self.tr("dropped %n spans of ignored tasks", "", n))
        if kind == UNUSED_PREDICTION:
            return (self.tr("dropped 1 prediction of an annotated task") if one
                    else self.tr("dropped %n predictions of annotated tasks", "", n))
        if kind == DRAFT:
            return self.tr("dropped 1 draft") if one else self.tr("dropped %n drafts", "", n)
        if kind == OTHER_META:
            return (self.tr("dropped 1 differing meta of a statement already there") if one
                    else self.tr("dropped %n differing metas of statements already there", "", n))
        if kind == CHOICES_IN_META:
            return (self.tr("kept 1 document choice in statement meta") if one
                    else self.tr("kept %n document choices in statement meta", "", n))
        if kind == CATS_IN_META:
            return (self.tr("kept 1 text category in statement meta") if one
                    else self.tr("kept %n text categories in statement meta", "", n))
        return self._brat_loss_text(kind, n) or kind.describe(n)

    def _brat_loss_text(self, kind: LossKind, n: int) -> str | None:
        """The brat reader's kinds (core/formats/brat.py) in the UI's language; None for others."""
        one = n == 1
        if kind == brat.EVENTS:
            return (self.tr("dropped 1 brat event (its trigger span kept)") if one
                    else self.tr("dropped %n brat events (their trigger spans kept)", "", n))
        if kind == brat.EQUIVALENCES:
            return self.tr("dropped 1 brat equivalence") if one else self.tr("dropped %n brat equivalences", "", n)
        if kind == brat.NORMALIZATIONS:
            return (self.tr("dropped 1 brat normalization") if one
                    else self.tr("dropped %n brat normalizations", "", n))
        if kind == brat.EVENT_ATTRIBUTES:
            return (self.tr("dropped 1 attribute of an event or relation") if one
                    else self.tr("dropped %n attributes of events or relations", "", n))
        if kind == brat.EVENT_RELATIONS:
            return (self.tr("dropped 1 relation with an event argument") if one
                    else self.tr("dropped %n relations with event arguments", "", n))
        if kind == brat.NOTES:
            return (self.tr("kept 1 annotator note in the statement note") if one
                    else self.tr("kept %n annotator notes in the statement note", "", n))
        if kind == brat.FRAGMENTS:
            return (self.tr("kept the fragments of 1 discontinuous span in statement meta") if one
                    else self.tr("kept the fragments of %n discontinuous spans in statement meta", "", n))
        return None

    def _failed(self, kind: str, message: str) -> None:
        if kind == "import":
            title = self.tr("Import failed")
            text = message + "\n\n" + self.tr("Nothing was imported; the project is unchanged.")
        else:
            title = self.tr("Export failed")
            text = message + "\n\n" + self.tr("No file was written.")
        self._message(QMessageBox.Icon.Critical, title, text)
        self.finished.emit(kind, False)

    def _cancelled(self, kind: str) -> None:
        text = (
            self.tr("Import cancelled; the project is unchanged.")
            if kind == "import"
            else self.tr("Export cancelled; no file was written.")
        )
        self.last_message = text
        self.message.emit(text)
        self.finished.emit(kind, False)

    def _finished(self) -> None:
        running, self.running = self.running, None
        self.busyChanged.emit(False)
        if running is not None:
            running.dialog.close()
            running.dialog.deleteLater()
            running.worker.deleteLater()

    def _message(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        # open(), not exec(): a nested event loop would let the worker's other signals in.
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.parent_widget)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.open()
        self.message_box = box
        self.last_message = text

    # ------------------------------------------------------------ dialogs

    def ask_import(self) -> None:
        dialog = ImportDialog(self.parent_widget)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.paths():
            self.start_import(
                dialog.paths(), fmt=dialog.format(), annotator=dialog.annotator(), add_labels=dialog.add_labels(),
                strict=dialog.strict(),
            )

    def ask_export(self) -> None:
        # On the reviewer's desk (the session edits gold) the export offers gold's dataset first.
        preferred = GOLD if self.session.annotator == GOLD else None
        dialog = ExportDialog(self.parent_widget, self.session.project.annotators(), preferred=preferred)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.path() is not None:
            out = dialog.path()
            assert out is not None
            self.start_export(out, fmt=dialog.format(), annotator=dialog.annotator(), which=dialog.status())


class ImportDialog(QDialog):
    """Files (or a folder), their format, and the annotator of records that name none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import"))
        self.files_edit = QLineEdit()
        self.files_edit.setPlaceholderText(self.tr("Files to import"))
        self.files_edit.setMinimumWidth(380)
        browse = QPushButton(self.tr("Files…"))
        browse.clicked.connect(self._browse_files)
        folder = QPushButton(self.tr("Folder…"))
        folder.clicked.connect(self._browse_folder)
        row = QHBoxLayout()
        row.addWidget(self.files_edit, 1)
        row.addWidget(browse)
        row.addWidget(folder)
        self.format_combo = QComboBox()
        self.format_combo.addItem(self.tr("Recognize (by name and content)"), "auto")
        for name in import_formats():
            self.format_combo.addItem(name, name)
        self.annotator_edit = QLineEdit()
        self.annotator_edit.setPlaceholderText(self.tr("for records that name no annotator"))
        self.add_labels_box = QCheckBox(self.tr("Add labels and relations the schema lacks"))
        self.strict_box = QCheckBox(self.tr("Refuse the import if anything in the files would be left out"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Files"), row)
        form.addRow(self.tr("Format"), self.format_combo)
        form.addRow(self.tr("Annotator"), self.annotator_edit)
        form.addRow("", self.add_labels_box)
        form.addRow("", self.strict_box)
        form.addRow(buttons)
        self._paths: list[Path] = []

    def _browse_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import files"), str(Path.home()),
            self.tr("Statements and annotations (*.txt *.csv *.jsonl *.json *.ndjson);;All files (*)"),
        )
        if names:
            self._set_paths([Path(n) for n in names])

    def _browse_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Import a folder (brat)"), str(Path.home()))
        if name:
            self._set_paths([Path(name)])

    def _set_paths(self, paths: list[Path]) -> None:
        self._paths = paths
        self.files_edit.setText("; ".join(str(p) for p in paths))

    def paths(self) -> list[Path]:
        typed = [Path(p.strip()) for p in self.files_edit.text().split(";") if p.strip()]
        return typed or self._paths

    def format(self) -> str:
        return str(self.format_combo.currentData())

    def annotator(self) -> str | None:
        return self.annotator_edit.text().strip() or None

    def add_labels(self) -> bool:
        return self.add_labels_box.isChecked()

    def strict(self) -> bool:
        return self.strict_box.isChecked()


class ExportDialog(QDialog):
    """Where to, which format, whose work, and which statements."""

    def __init__(
        self, parent: QWidget | None = None, annotators: list[str] | None = None, *, preferred: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        self.format_combo = QComboBox()
        for name, exporter in registry.EXPORTS.items():
            self.format_combo.addItem(f"{name} — {exporter.description}", name)
        self.path_edit = QLineEdit()
        self.path_edit.setMinimumWidth(380)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.annotator_combo = QComboBox()
        self.annotator_combo.addItem(self.tr("Every annotator"), "")
        for name in annotators or []:
            self.annotator_combo.addItem(name, name)
        if preferred is not None and preferred in (annotators or []):
            self.annotator_combo.setCurrentIndex(self.annotator_combo.findData(preferred))
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("What annotators marked done"), "done")
        self.status_combo.addItem(self.tr("Every statement"), "all")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Format"), self.format_combo)
        form.addRow(self.tr("Export to"), row)
        form.addRow(self.tr("Annotator"), self.annotator_combo)
        form.addRow(self.tr("Statements"), self.status_combo)
        form.addRow(buttons)

    def _browse(self) -> None:
        exporter = registry.EXPORTS[self.format()]
        suffix = str(getattr(exporter, "suffix", "") or "")
        if not suffix:  # a folder format (brat): the name of a new folder
            name, _ = QFileDialog.getSaveFileName(self, self.tr("Export to a folder"), str(Path.home() / "export"))
        else:
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export to"), str(Path.home() / f"export{suffix}"), f"*{suffix}"
            )
        if name:
            if suffix and not name.endswith(suffix):
                name += suffix
            self.path_edit.setText(name)

    def path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text) if text else None

    def format(self) -> str:
        return str(self.format_combo.currentData())

    def annotator(self) -> str | None:
        return str(self.annotator_combo.currentData()) or None

    def status(self) -> str:
        return str(self.status_combo.currentData())
