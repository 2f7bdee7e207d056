"""Regenerate the Arabic UI translation: lupdate over gui/*.py, Arabic filled in, lrelease.

    /work/venv/bin/python resources/translations/update.py

The Arabic for every English string of the UI is in `AR` below (a source string's
translation is the same in every context). lupdate files strings of modules that call
`tr` through an alias of `QCoreApplication.translate("Context", text)` under no context;
they are moved to the alias's context, which is where Qt looks them up at run time.
Strings without Arabic are listed, and stay English until added here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TS = HERE / "bayan_ar.ts"
QM = HERE / "bayan_ar.qm"
ALIAS = re.compile(r"""QCoreApplication\.translate\(\s*["'](\w+)["']\s*,\s*text\s*\)""")

AR: dict[str, str | list[str]] = {
    # issue 10: spans, arcs and search
    "Statements with a {0} span": "بيانات فيها مقطع {0}",
    "Hits inside a {0} span": "نتائج داخل مقطع {0}",
    "Filter by label: the statements in which you marked a span of it, or only the hits inside such spans":
        "التصفية بالوسم: البيانات التي حددتَ فيها مقطعًا به، أو النتائج الواقعة داخل هذه المقاطع فقط",
    # help overlay
    "Label the selection as {0} (snapped to whole words)": "وسم التحديد بـ {0} (مضبوطًا على كلمات كاملة)",
    "Label exactly the selected characters as {0}": "وسم الأحرف المحددة كما هي بـ {0}",
    "Shift+Arrows": "Shift+الأسهم",
    "Select characters": "تحديد أحرف",
    "Ctrl+Shift+Arrows": "Ctrl+Shift+الأسهم",
    "Select words": "تحديد كلمات",
    "Shift+Home / Shift+End": "Shift+Home / Shift+End",
    "Select to the start / end of the line": "التحديد حتى بداية السطر / نهايته",
    "Ctrl+Shift+Home / End": "Ctrl+Shift+Home / End",
    "Select to the start / end of the statement": "التحديد حتى بداية البيان / نهايته",
    "Ctrl+A": "Ctrl+A",
    "Select the whole statement": "تحديد البيان كله",
    "Tab / Shift+Tab": "Tab / Shift+Tab",
    "Select the next / previous span": "تحديد المقطع التالي / السابق",
    "Click": "نقرة",
    "Select a span (click again for the span around it)": "تحديد مقطع (انقر مرة أخرى لتحديد المقطع المحيط به)",
    "Another label's key": "مفتاح وسم آخر",
    "Relabel the selected span": "تغيير وسم المقطع المحدد",
    "Delete": "Delete",
    "Delete the selected span": "حذف المقطع المحدد",
    "Link the selected ACTOR to a CLAIM: then click the claim, or Tab to it and Return":
        "ربط الفاعل (ACTOR) المحدد بادعاء (CLAIM): انقر الادعاء بعدها، أو انتقل إليه بـ Tab واضغط Return",
    "Esc": "Esc",
    "Clear the selection; cancel linking": "إلغاء التحديد؛ إلغاء الربط",
    "Keyboard shortcuts": "اختصارات لوحة المفاتيح",
    "Press any key or click to close.": "اضغط أي مفتاح أو انقر للإغلاق.",
    "This list": "هذه القائمة",
    # transfer
    # issue 10: guidelines, progress, theme
    "Guidelines": "الإرشادات",
    "Show the &guidelines": "عرض الإر&شادات",
    "in this statement": "في هذا البيان",
    "clears": "يمسح",
    "Press r on a span to link it; Esc goes back to the text.": "اضغط r على مقطع لربطه؛ Esc للعودة إلى النص.",
    "T&heme": "ال&مظهر",
    "&System": "حسب ال&نظام",
    "&Light": "&فاتح",
    "&Dark": "&داكن",
    "Your spans, per label": "مقاطعك، لكل وسم",
    "Statements you marked done, of all": "البيانات التي أنجزتها، من الكل",
    "Bayan — {0} — {1}": "بيان — {0} — {1}",
    "Save (Ctrl+Return)": "حفظ (Ctrl+Return)",
    "choose the annotator in the import dialog": "اختر الموسِّم في نافذة الاستيراد",
    "De&lete the selected span": "&حذف المقطع المحدد",
    "Next statement not &done": "البيان التالي &غير المنجز",
    "Go to the &statement list": "الانتقال إلى &قائمة البيانات",
    "Pre-&fill gold from the majority…": "م&لء المعتمد مسبقًا من الأغلبية…",
    "Importing {0}…": "جارٍ استيراد {0}…",
    "Exporting to {0}…": "جارٍ التصدير إلى {0}…",
    "Cancel": "إلغاء",
    "Import": "استيراد",
    "Export": "تصدير",
    "{0}: {1} records, {2} new statements, {3} new spans, {4} new relations":
        "{0}: {1} سجلًا، {2} بيانًا جديدًا، {3} مقطعًا جديدًا، {4} علاقة جديدة",
    "(new labels: {0})": "(أوسام جديدة: {0})",
    "Import finished": "اكتمل الاستيراد",
    "Export finished": "اكتمل التصدير",
    "Wrote {0} records.": "كُتب {0} سجلًا.",
    "Import failed": "فشل الاستيراد",
    "Nothing was imported; the project is unchanged.": "لم يُستورد شيء؛ المشروع كما كان.",
    "Export failed": "فشل التصدير",
    "No file was written.": "لم يُكتب أي ملف.",
    "Import cancelled; the project is unchanged.": "أُلغي الاستيراد؛ المشروع كما كان.",
    "Export cancelled; no file was written.": "أُلغي التصدير؛ لم يُكتب أي ملف.",
    "Files to import": "الملفات المراد استيرادها",
    "Files…": "ملفات…",
    "Folder…": "مجلد…",
    "Recognize (by name and content)": "تعرّف تلقائي (من الاسم والمحتوى)",
    "for records that name no annotator": "للسجلات التي لا تذكر موسِّمًا",
    "Add labels and relations the schema lacks": "إضافة الأوسام والعلاقات غير الموجودة في المخطط",
    "Files": "الملفات",
    "Format": "الصيغة",
    "Annotator": "الموسِّم",
    "Import files": "استيراد ملفات",
    "Statements and annotations (*.txt *.csv *.jsonl *.json *.ndjson);;All files (*)":
        "البيانات والتوسيمات (*.txt *.csv *.jsonl *.json *.ndjson);;كل الملفات (*)",
    "Import a folder (brat)": "استيراد مجلد (brat)",
    "Choose…": "اختيار…",
    "Every annotator": "كل الموسِّمين",
    "What annotators marked done": "ما أنجزه الموسِّمون",
    "Every statement": "كل البيانات",
    "Export to": "التصدير إلى",
    "Statements": "البيانات",
    "Export to a folder": "التصدير إلى مجلد",
    "&Import…": "ا&ستيراد…",
    "&Export…": "ت&صدير…",
    # panels and models
    "Spans": "المقاطع",
    "Relations": "العلاقات",
    "Delete span": "حذف المقطع",
    "Delete relation": "حذف العلاقة",
    "Your name (your annotations are kept under it):": "اسمك (تُحفظ توسيماتك باسمك):",
    "The name": "الاسم",
    "Attributes": "السمات",
    "Select a span to edit its attributes.": "حدّد مقطعًا لتعديل سماته.",
    "{0} has no attributes.": "ليس لـ {0} سمات.",
    "(none)": "(لا شيء)",
    "Labels": "الأوسام",
    "Note on this statement": "ملاحظة على هذا البيان",
    "A note for the reviewer (saved with your annotations):": "ملاحظة للمراجِع (تُحفظ مع توسيماتك):",
    "From": "من",
    "Relation": "العلاقة",
    "To": "إلى",
    "Label": "الوسم",
    "Text": "النص",
    "Id": "المعرّف",
    "Statement": "البيان",
    "Status": "الحالة",
    "Note": "ملاحظة",
    "to do": "لم يُنجز",
    "done": "منجز",
    "skipped": "متخطّى",
    "has a note": "عليه ملاحظة",
    # main window
    "&File": "&ملف",
    "&Edit": "&تحرير",
    "&View": "&عرض",
    "&Help": "م&ساعدة",
    "&New project…": "مشروع &جديد…",
    "&Open project…": "&فتح مشروع…",
    "&Recent projects": "&المشاريع الأخيرة",
    "Change &annotator…": "تغيير ال&موسِّم…",
    "&Quit": "&خروج",
    # moving a span's boundaries
    "Select a span first (click it or press Tab), then press b": "حدّد مقطعًا أولًا (انقره أو اضغط Tab)، ثم اضغط b",
    "Boundaries: ← → move the end, ↑ ↓ the start, by a word (with Alt, by a character); Return or Esc when done":
        "الحدود: ← → تحرّك النهاية، ↑ ↓ البداية، كلمةً كلمة (مع Alt حرفًا حرفًا)؛ Return أو Esc للإنهاء",
    "Move the selected span's boundaries: ← → the end, ↑ ↓ the start, by a word (Alt: a character)":
        "تحريك حدود المقطع المحدد: ← → النهاية، ↑ ↓ البداية، كلمةً كلمة (Alt: حرفًا حرفًا)",
    "Move the span's boundaries": "تحريك حدود المقطع",
    # review mode
    "&Review": "م&راجعة",
    "Not measured yet.": "لم يُقَس بعد.",
    "Measure agreement": "قياس الاتفاق",
    "Pairs (overlap F1, Cohen's kappa); click one to list where it disagrees":
        "الأزواج (F1 بالتداخل، كابا كوهين)؛ انقر زوجًا لعرض مواضع اختلافه",
    "All annotators": "كل الموسِّمين",
    "Measuring…": "جارٍ القياس…",
    "Could not measure: {0}": "تعذّر القياس: {0}",
    "{0} annotators; {1} statements done by all.": "{0} موسِّمين؛ {1} بيانًا أنجزه الجميع.",
    "Pair": "الزوج",
    "Fleiss' kappa": "كابا فلايس",
    "Krippendorff's alpha": "ألفا كريبندورف",
    "Unitizing alpha": "ألفا التقطيع",
    "not done": "غير منجز",
    "{0} spans": "{0} مقاطع",
    "Disagreement": "الاختلاف",
    "Gold": "المعتمد",
    "Done by": "أنجزه",
    "missing {0}, extra {1}, boundary {2}, label {3}": "ناقص {0}، زائد {1}، حدود {2}، وسم {3}",
    "Measuring the disagreements…": "جارٍ قياس الاختلافات…",
    "Most disagreement first": "الأكثر اختلافًا أولًا",
    "Statement order": "ترتيب البيانات",
    "Annotators disagree": "يختلف الموسِّمون",
    "Not yet adjudicated": "لم يُحسم بعد",
    "Ctrl+K accepts into gold the spans at least this many annotators agree on":
        "Ctrl+K يعتمد المقاطع التي يتفق عليها هذا العدد من الموسِّمين على الأقل",
    "Accept when at least": "اعتمد حين يتفق",
    "agree (Ctrl+K)": "على الأقل (Ctrl+K)",
    "Review list": "قائمة المراجعة",
    "Agreement": "الاتفاق",
    "&Next disagreement": "الاختلاف ال&تالي",
    "&Previous disagreement": "الاختلاف ال&سابق",
    "Go to the &lanes": "الانتقال إلى ال&مسارات",
    "&Measure agreement": "&قياس الاتفاق",
    "Accept what at least &k agree on": "اعتماد ما يتفق عليه &k على الأقل",
    "&Pre-fill gold from the majority…": "&ملء المعتمد مسبقًا من الأغلبية…",
    "No other statement where the annotators disagree.": "لا بيان آخر يختلف فيه الموسِّمون.",
    "Review needs two annotators or more.": "تحتاج المراجعة إلى موسِّمَين أو أكثر.",
    "{0} statements ({1})": "{0} بيانًا ({1})",
    "Accept from {0}": "اعتماد من {0}",
    "Accept what {0} agree on": "اعتماد ما يتفق عليه {0}",
    "Nothing new: gold has every span at least {0} agree on.":
        "لا جديد: في المعتمد كل مقطع يتفق عليه {0} على الأقل.",
    "Pre-fill gold": "ملء المعتمد مسبقًا",
    "Copy into gold every span at least this many annotators marked alike, on the statements "
    "all of them marked done (gold's own spans stay):":
        "انسخ إلى المعتمد كل مقطع وسمه هذا العدد من الموسِّمين على الأقل بالطريقة نفسها، في البيانات التي "
        "أنجزوها جميعًا (تبقى مقاطع المعتمد كما هي):",
    "Pre-fill failed: {0}": "فشل الملء المسبق: {0}",
    "Pre-filling gold…": "جارٍ ملء المعتمد مسبقًا…",
    "Gold pre-filled: {0} spans and {1} relations on {2} statements.":
        "مُلئ المعتمد: {0} مقاطع و{1} علاقات في {2} بيانًا.",
    "boundary": "حدود",
    "label": "وسم",
    "extra": "زائد",
    "missing": "ناقص",
    # edit session and its banner
    "The project is busy: another program is writing to it (an import or a merge?). "
    "Your edit was not saved and is not shown.":
        "المشروع مشغول: برنامج آخر يكتب فيه (استيراد أو دمج؟). لم يُحفظ تعديلك ولا يظهر.",
    "Not done: {0}": "لم يُنفَّذ: {0}",
    "Your edit could not be saved and is not shown: {0}": "تعذّر حفظ تعديلك ولا يظهر: {0}",
    "Try again": "إعادة المحاولة",
    "Close": "إغلاق",
    "&Undo": "ت&راجع",
    "&Redo": "إ&عادة",
    "Mark &done and open the next": "تعليم البيان &منجزًا وفتح التالي",
    "Mark &skipped and open the next": "تعليم البيان م&تخطّى وفتح التالي",
    "Mark &to do": "تعليم البيان &غير منجز",
    "&Note on this statement…": "م&لاحظة على هذا البيان…",
    "&Delete the selected span": "&حذف المقطع المحدد",
    "&Next statement": "البيان ال&تالي",
    "&Previous statement": "البيان ال&سابق",
    "Next statement &not done": "البيان التالي &غير المنجز",
    "Zoom &in": "ت&كبير",
    "Zoom &out": "ت&صغير",
    "&Reset zoom": "إعادة &ضبط التكبير",
    "Go to the statement &list": "الانتقال إلى &قائمة البيانات",
    "Go to the &text": "الانتقال إلى ال&نص",
    "&Keyboard shortcuts": "اختصارات &لوحة المفاتيح",
    "&About Bayan": "&عن بيان",
    "Every statement is done.": "أُنجزت كل البيانات.",
    "Add {0}": "إضافة {0}",
    "Relabel as {0}": "تغيير الوسم إلى {0}",
    "Set attributes": "تعيين السمات",
    "Link {0}": "ربط {0}",
    "Mark done": "تعليم منجزًا",
    "Every statement is done. Well done!": "أُنجزت كل البيانات. أحسنت!",
    "Mark skipped": "تعليم متخطّى",
    "Mark to do": "تعليم غير منجز",
    "Edit note": "تعديل الملاحظة",
    "Statement {0} / {1}": "البيان {0} / {1}",
    "Done {0} / {1}": "المنجز {0} / {1}",
    "Annotator: {0}": "الموسِّم: {0}",
    "Bayan — {0}": "بيان — {0}",
    "New project": "مشروع جديد",
    "Bayan projects (*.bayan)": "مشاريع بيان (*.bayan)",
    "Cannot create the project": "تعذّر إنشاء المشروع",
    "Open project": "فتح مشروع",
    "Bayan projects (*.bayan);;All files (*)": "مشاريع بيان (*.bayan);;كل الملفات (*)",
    "Cannot open the project": "تعذّر فتح المشروع",
    "The project file is damaged": "ملف المشروع تالف",
    "The integrity check failed:\n{0}\n\nKeep a copy of the file and restore a backup.":
        "فشل فحص السلامة:\n{0}\n\nاحتفظ بنسخة من الملف واستعد نسخة احتياطية.",
    "About Bayan": "عن بيان",
    "This project has no statements yet: import some.": "لا بيانات في هذا المشروع بعد: استورد بعضها.",
    "Bayan: annotate actors and claims in Arabic statements. Every edit is saved when you make it.":
        "بيان: توسيم الفاعلين والادعاءات في البيانات العربية. يُحفظ كل تعديل لحظة إجرائه.",
    # search
    "Search all statements": "البحث في كل البيانات",
    "Alef forms, ة/ه and ى/ي match each other; harakat and tatweel are ignored.":
        "صور الألف، وة/ه، وى/ي تتطابق فيما بينها؛ وتُهمَل الحركات والتطويل.",
    "Any status": "أي حالة",
    "To do": "لم يُنجز",
    "Done": "منجز",
    "Skipped": "متخطّى",
    "Indexing for search… %p%": "جارٍ الفهرسة للبحث… %p%",
    "Any label": "أي وسم",
    # Plural forms in Qt's order for Arabic: 0, 1, 2, 3–10, 11–99, 100 and more (by n % 100).
    "More than %Ln statements": [
        "أكثر من %Ln بيان", "أكثر من بيان واحد", "أكثر من بيانين", "أكثر من %Ln بيانات",
        "أكثر من %Ln بيانًا", "أكثر من %Ln بيان",
    ],
    "1 statement": "بيان واحد",
    "%Ln statements": ["لا بيانات", "بيان واحد", "بيانان", "%Ln بيانات", "%Ln بيانًا", "%Ln بيان"],
    "Preparing the search index…": "جارٍ تجهيز فهرس البحث…",
    "The search index could not be built: {0}": "تعذّر بناء فهرس البحث: {0}",
    "Search": "بحث",
    "No.": "الرقم",
    "&Find in all statements…": "ال&بحث في كل البيانات…",
    # editor
    "Relation cancelled": "أُلغيت العلاقة",
    "Nothing to label: the selection holds only spaces or punctuation":
        "لا شيء للوسم: التحديد لا يحوي إلا مسافات أو علامات ترقيم",
    "Select some text first (Shift+arrows or the mouse)": "حدّد نصًا أولًا (Shift+الأسهم أو الفأرة)",
    "Select a span first (click it or press Tab), then press r": "حدّد مقطعًا أولًا (انقره أو اضغط Tab)، ثم اضغط r",
    "No relation starts at a {0} span": "لا علاقة تبدأ من مقطع {0}",
    "No {0} span to link to": "لا يوجد مقطع {0} للربط به",
    "{0}: click the {1} (or Tab to it and press Return); Esc cancels":
        "{0}: انقر {1} (أو انتقل إليه بـ Tab واضغط Return)؛ Esc للإلغاء",
    "1 … 9, 0": "1 … 9، 0",
    "Set the selected span's first attribute (a claim's stance) to value 1…9; 0 clears":
        "تعيين السمة الأولى للمقطع المحدد (موقف الادعاء) إلى القيمة 1…9؛ و0 يمسحها",
    # languages
    "&Language": "ال&لغة",
    # issue 10: editing
    "{0}, {1}": "{0}، {1}",
    "{0} and {1}": "{0} و{1}",
    "1 {0} link": "رابط {0} واحد",
    # Plural forms in Qt's order for Arabic: 0, 1, 2, 3–10, 11–99, 100 and more (by n % 100).
    "%n {0} links": ["%n روابط {0}", "رابط {0} واحد", "رابطا {0}", "%n روابط {0}", "%n رابطًا {0}", "%n رابط {0}"],
    "its {0} ({1})": "{0} ({1})",
    "{0} → {1}: {2} was removed — Ctrl+Z brings it back": "{0} ← {1}: أُزيل {2} — يعيده Ctrl+Z",
    "{0} → {1}: {2} were removed — Ctrl+Z brings them back": "{0} ← {1}: أُزيل {2} — يعيدها Ctrl+Z",
    "Deleted {0} «{1}» and its {2} — Ctrl+Z brings them back": "حُذف {0} «{1}» ومعه {2} — يعيدها Ctrl+Z",
    "Deleted {0} «{1}» — Ctrl+Z brings it back": "حُذف {0} «{1}» — يعيده Ctrl+Z",
    "This {0} overlaps another {0}, «{1}»: allowed, but check that both are meant":
        "هذا المقطع ({0}) يتداخل مع مقطع {0} آخر، «{1}»: هذا مسموح، لكن تحقّق من أن كليهما مقصود",
    "Nothing to delete: select a span first (click it or press Tab)":
        "لا شيء للحذف: حدّد مقطعًا أولًا (انقره أو اضغط Tab)",
    "Digits set the selected span's attribute (a claim's stance): select a span first (click it or press Tab)":
        "الأرقام تعيّن سمة المقطع المحدد (موقف الادعاء): حدّد مقطعًا أولًا (انقره أو اضغط Tab)",
    "A {0} span has no attribute to set with digits": "ليس لمقطع {0} سمة تُعيَّن بالأرقام",
    "{0} has {1} values: press 1 to {1}, or 0 to clear it": "{0}: {1} قيم؛ اضغط من 1 إلى {1}، أو 0 لمسحها",
    "Drag a span's edge": "اسحب طرف مقطع",
    "Move that end of the selected span, snapped to words (Alt: a character); one undoable edit; Esc cancels":
        "تحريك ذلك الطرف من المقطع المحدد، مضبوطًا على الكلمات (Alt: حرفًا حرفًا)؛ تعديل واحد قابل للتراجع؛ Esc للإلغاء",
    "Wrapped to the first statement not done: {0}": "عدنا إلى أول بيان لم يُنجز: {0}",
    "Undo: back to statement {0} ({1})": "تراجع: العودة إلى البيان {0} ({1})",
    "Redo: to statement {0} ({1})": "إعادة: إلى البيان {0} ({1})",
    "Not marked done: this statement has no spans, and this project does not mark such statements done "
    "(done_without_spans: refuse). Label something, or skip it with Ctrl+Shift+K.":
        "لم يُعلَّم منجزًا: لا مقاطع في هذا البيان، وهذا المشروع لا يعلّم مثله منجزًا "
        "(done_without_spans: refuse). وسِّم شيئًا، أو تخطَّه بـ Ctrl+Shift+K.",
    "No spans": "لا مقاطع",
    "This statement has no spans. Mark it done anyway?": "لا مقاطع في هذا البيان. أتعلّمه منجزًا مع ذلك؟",
    "Stay": "البقاء هنا",
    "Don't ask again for this project": "لا تسأل مجددًا في هذا المشروع",
    "Ctrl+Return will mark statements without spans done without asking":
        "سيعلّم Ctrl+Return البيانات التي بلا مقاطع منجزةً دون سؤال",
    # issue 12: formats
    "Refuse the import if anything in the files would be left out": "رفض الاستيراد إن كان شيء في الملفات سيُترك",
    "skipped 1 blank text": "تُخطّي نص فارغ واحد",
    "skipped %n blank texts": ["تُخطّي %n نصوص فارغة", "تُخطّي نص فارغ واحد", "تُخطّي نصان فارغان",
                               "تُخطّي %n نصوص فارغة", "تُخطّي %n نصًا فارغًا", "تُخطّي %n نص فارغ"],
    "dropped 1 rejected suggestion": "أُسقط اقتراح مرفوض واحد",
    "dropped %n rejected suggestions": ["أُسقطت %n اقتراحات مرفوضة", "أُسقط اقتراح مرفوض واحد",
                                        "أُسقط اقتراحان مرفوضان", "أُسقطت %n اقتراحات مرفوضة",
                                        "أُسقط %n اقتراحًا مرفوضًا", "أُسقط %n اقتراح مرفوض"],
    "dropped 1 ignored task": "أُسقطت مهمة متجاهَلة واحدة",
    "dropped %n ignored tasks": ["أُسقطت %n مهام متجاهَلة", "أُسقطت مهمة متجاهَلة واحدة", "أُسقطت مهمتان متجاهَلتان",
                                 "أُسقطت %n مهام متجاهَلة", "أُسقطت %n مهمة متجاهَلة", "أُسقطت %n مهمة متجاهَلة"],
    "dropped 1 span of an ignored task": "أُسقط مقطع واحد من مهمة متجاهَلة",
    "dropped %n spans of ignored tasks": [
        "أُسقطت %n مقاطع من مهام متجاهَلة", "أُسقط مقطع واحد من مهمة متجاهَلة", "أُسقط مقطعان من مهام متجاهَلة",
        "أُسقطت %n مقاطع من مهام متجاهَلة", "أُسقط %n مقطعًا من مهام متجاهَلة", "أُسقط %n مقطع من مهام متجاهَلة"],
    "dropped 1 prediction of an annotated task": "أُسقط توقّع واحد لمهمة موسومة",
    "dropped %n predictions of annotated tasks": [
        "أُسقطت %n توقّعات لمهام موسومة", "أُسقط توقّع واحد لمهمة موسومة", "أُسقط توقّعان لمهام موسومة",
        "أُسقطت %n توقّعات لمهام موسومة", "أُسقط %n توقّعًا لمهام موسومة", "أُسقط %n توقّع لمهام موسومة"],
    "dropped 1 draft": "أُسقطت مسودة واحدة",
    "dropped %n drafts": ["أُسقطت %n مسودات", "أُسقطت مسودة واحدة", "أُسقطت مسودتان", "أُسقطت %n مسودات",
                          "أُسقطت %n مسودة", "أُسقطت %n مسودة"],
    "dropped 1 differing meta of a statement already there": "أُسقطت بيانات وصفية مختلفة لبيان موجود",
    "dropped %n differing metas of statements already there": [
        "أُسقطت %n بيانات وصفية مختلفة لبيانات موجودة", "أُسقطت بيانات وصفية مختلفة لبيان موجود",
        "أُسقطت بيانات وصفية مختلفة لبيانين موجودين", "أُسقطت %n بيانات وصفية مختلفة لبيانات موجودة",
        "أُسقطت بيانات وصفية مختلفة لـ %n بيانًا موجودًا", "أُسقطت بيانات وصفية مختلفة لـ %n بيان موجود"],
    "kept 1 document choice in statement meta": "حُفظ اختيار واحد للنص كله في البيانات الوصفية للبيان",
    "kept %n document choices in statement meta": [
        "حُفظت %n اختيارات للنص كله في البيانات الوصفية للبيان", "حُفظ اختيار واحد للنص كله في البيانات الوصفية للبيان",
        "حُفظ اختياران للنص كله في البيانات الوصفية للبيان", "حُفظت %n اختيارات للنص كله في البيانات الوصفية للبيان",
        "حُفظ %n اختيارًا للنص كله في البيانات الوصفية للبيان", "حُفظ %n اختيار للنص كله في البيانات الوصفية للبيان"],
    "kept 1 text category in statement meta": "حُفظت فئة نصية واحدة في البيانات الوصفية للبيان",
    "kept %n text categories in statement meta": [
        "حُفظت %n فئات نصية في البيانات الوصفية للبيان", "حُفظت فئة نصية واحدة في البيانات الوصفية للبيان",
        "حُفظت فئتان نصيتان في البيانات الوصفية للبيان", "حُفظت %n فئات نصية في البيانات الوصفية للبيان",
        "حُفظت %n فئة نصية في البيانات الوصفية للبيان", "حُفظت %n فئة نصية في البيانات الوصفية للبيان"],
    # issue 12: brat
    "dropped 1 brat event (its trigger span kept)": "أُسقط حدث brat واحد (وحُفظ مقطع محفّزه)",
    "dropped %n brat events (their trigger spans kept)": [
        "أُسقطت %n أحداث brat (وحُفظت مقاطع محفّزاتها)", "أُسقط حدث brat واحد (وحُفظ مقطع محفّزه)",
        "أُسقط حدثا brat (وحُفظ مقطعا محفّزيهما)", "أُسقطت %n أحداث brat (وحُفظت مقاطع محفّزاتها)",
        "أُسقط %n حدثًا من brat (وحُفظت مقاطع محفّزاتها)", "أُسقط %n حدث brat (وحُفظت مقاطع محفّزاتها)"],
    "dropped 1 brat equivalence": "أُسقط تكافؤ brat واحد",
    "dropped %n brat equivalences": ["أُسقطت %n تكافؤات brat", "أُسقط تكافؤ brat واحد", "أُسقط تكافؤا brat",
                                     "أُسقطت %n تكافؤات brat", "أُسقط %n تكافؤًا من brat", "أُسقط %n تكافؤ brat"],
    "dropped 1 brat normalization": "أُسقط ربط brat واحد بمرجع خارجي",
    "dropped %n brat normalizations": [
        "أُسقطت %n روابط brat بمراجع خارجية", "أُسقط ربط brat واحد بمرجع خارجي", "أُسقط ربطا brat بمرجعين خارجيين",
        "أُسقطت %n روابط brat بمراجع خارجية", "أُسقط %n ربطًا من brat بمراجع خارجية",
        "أُسقط %n ربط brat بمراجع خارجية"],
    "dropped 1 attribute of an event or relation": "أُسقطت سمة واحدة لحدث أو علاقة",
    "dropped %n attributes of events or relations": [
        "أُسقطت %n سمات لأحداث أو علاقات", "أُسقطت سمة واحدة لحدث أو علاقة", "أُسقطت سمتان لأحداث أو علاقات",
        "أُسقطت %n سمات لأحداث أو علاقات", "أُسقطت %n سمة لأحداث أو علاقات", "أُسقطت %n سمة لأحداث أو علاقات"],
    "dropped 1 relation with an event argument": "أُسقطت علاقة واحدة أحد طرفيها حدث",
    "dropped %n relations with event arguments": [
        "أُسقطت %n علاقات أحد طرفيها حدث", "أُسقطت علاقة واحدة أحد طرفيها حدث", "أُسقطت علاقتان أحد طرفي كل منهما حدث",
        "أُسقطت %n علاقات أحد طرفيها حدث", "أُسقطت %n علاقة أحد طرفيها حدث", "أُسقطت %n علاقة أحد طرفيها حدث"],
    "kept 1 annotator note in the statement note": "حُفظت ملاحظة موسِّم واحدة في ملاحظة البيان",
    "kept %n annotator notes in the statement note": [
        "حُفظت %n ملاحظات موسِّمين في ملاحظة البيان", "حُفظت ملاحظة موسِّم واحدة في ملاحظة البيان",
        "حُفظت ملاحظتا موسِّم في ملاحظة البيان", "حُفظت %n ملاحظات موسِّمين في ملاحظة البيان",
        "حُفظت %n ملاحظة موسِّم في ملاحظة البيان", "حُفظت %n ملاحظة موسِّم في ملاحظة البيان"],
    "kept the fragments of 1 discontinuous span in statement meta":
        "حُفظت أجزاء مقطع متقطّع واحد في البيانات الوصفية للبيان",
    "kept the fragments of %n discontinuous spans in statement meta": [
        "حُفظت أجزاء %n مقاطع متقطّعة في البيانات الوصفية للبيان",
        "حُفظت أجزاء مقطع متقطّع واحد في البيانات الوصفية للبيان",
        "حُفظت أجزاء مقطعين متقطّعين في البيانات الوصفية للبيان",
        "حُفظت أجزاء %n مقاطع متقطّعة في البيانات الوصفية للبيان",
        "حُفظت أجزاء %n مقطعًا متقطّعًا في البيانات الوصفية للبيان",
        "حُفظت أجزاء %n مقطع متقطّع في البيانات الوصفية للبيان"],
}


def tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    return str(found) if found.exists() else shutil.which(name) or name


def context_of_alias(ts_file: Path, location: str) -> str | None:
    """The context that `location`'s module passes to QCoreApplication.translate in its alias."""
    module = (ts_file.parent / location).resolve()
    if not module.is_file():
        return None
    match = ALIAS.search(module.read_text(encoding="utf-8"))
    return match.group(1) if match else None


def fix_contexts(root: ET.Element, ts_file: Path) -> None:
    contexts = {c.findtext("name") or "": c for c in root.iter("context")}
    homeless = contexts.get("")
    if homeless is None:
        return
    for message in list(homeless.iter("message")):
        location = message.find("location")
        name = context_of_alias(ts_file, location.get("filename", "")) if location is not None else None
        if not name:
            continue
        target = contexts.get(name)
        if target is None:
            target = ET.SubElement(root, "context")
            ET.SubElement(target, "name").text = name
            contexts[name] = target
        same = next((m for m in target.iter("message") if m.findtext("source") == message.findtext("source")), None)
        if same is not None:
            target.remove(same)
        homeless.remove(message)
        target.append(message)
    if not list(homeless.iter("message")):
        root.remove(homeless)


def fill(root: ET.Element) -> list[tuple[str, str]]:
    missing = []
    for context in root.iter("context"):
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("obsolete", "vanished"):
                continue
            if source in AR:
                value = AR[source]
                if message.get("numerus") == "yes":
                    if not isinstance(value, list):
                        missing.append((context.findtext("name") or "", source + " (plural forms)"))
                        continue
                    for form in list(translation):
                        translation.remove(form)
                    translation.text = None
                    for text in value:
                        ET.SubElement(translation, "numerusform").text = text
                else:
                    translation.text = value if isinstance(value, str) else value[-1]
                translation.attrib.pop("type", None)
            else:
                missing.append((context.findtext("name") or "", source))
    return missing


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "gui").glob("*.py"))
    lupdate = [tool("pyside6-lupdate"), "-no-obsolete", *sources, "-ts", str(TS.relative_to(ROOT))]
    subprocess.run(lupdate, cwd=ROOT, check=True)
    tree = ET.parse(TS)
    root = tree.getroot()
    root.set("language", "ar")
    root.set("sourcelanguage", "en")
    fix_contexts(root, TS)
    missing = fill(root)
    ET.indent(tree, space="    ")
    text = ET.tostring(root, encoding="unicode")
    TS.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + text + "\n", encoding="utf-8")
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True)
    for context, source in missing:
        print(f"no Arabic yet: [{context}] {source!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
