<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
    <context>
        <name>AnnotationPanel</name>
        <message>
            <location filename="../../gui/panels.py" line="92" />
            <source>Spans</source>
            <translation>المقاطع</translation>
        </message>
        <message>
            <location filename="../../gui/panels.py" line="93" />
            <source>Relations</source>
            <translation>العلاقات</translation>
        </message>
        <message>
            <location filename="../../gui/panels.py" line="97" />
            <source>Delete span</source>
            <translation>حذف المقطع</translation>
        </message>
        <message>
            <location filename="../../gui/panels.py" line="106" />
            <source>Delete relation</source>
            <translation>حذف العلاقة</translation>
        </message>
    </context>
    <context>
        <name>AttributeEditor</name>
        <message>
            <location filename="../../gui/panels.py" line="165" />
            <source>Attributes</source>
            <translation>السمات</translation>
        </message>
        <message>
            <location filename="../../gui/panels.py" line="171" />
            <location filename="../../gui/panels.py" line="192" />
            <source>Select a span to edit its attributes.</source>
            <translation>حدّد مقطعًا لتعديل سماته.</translation>
        </message>
        <message>
            <location filename="../../gui/panels.py" line="193" />
            <source>{0} has no attributes.</source>
            <translation>ليس لـ {0} سمات.</translation>
        </message>
        <message>
            <location filename="../../gui/panels.py" line="204" />
            <source>(none)</source>
            <translation>(لا شيء)</translation>
        </message>
    </context>
    <context>
        <name>EditBanner</name>
        <message>
            <location filename="../../gui/panels.py" line="293" />
            <source>Try again</source>
            <translation>إعادة المحاولة</translation>
        </message>
        <message>
            <location filename="../../gui/panels.py" line="297" />
            <source>Close</source>
            <translation>إغلاق</translation>
        </message>
    </context>
    <context>
        <name>EditReport</name>
        <message>
            <location filename="../../gui/edit_report.py" line="39" />
            <source>{0}, {1}</source>
            <translation>{0}، {1}</translation>
        </message>
        <message>
            <location filename="../../gui/edit_report.py" line="40" />
            <source>{0} and {1}</source>
            <translation>{0} و{1}</translation>
        </message>
        <message>
            <location filename="../../gui/edit_report.py" line="48" />
            <source>1 {0} link</source>
            <translation>رابط {0} واحد</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gui/edit_report.py" line="48" />
            <source>%n {0} links</source>
            <translation>
                <numerusform>%n روابط {0}</numerusform>
                <numerusform>رابط {0} واحد</numerusform>
                <numerusform>رابطا {0}</numerusform>
                <numerusform>%n روابط {0}</numerusform>
                <numerusform>%n رابطًا {0}</numerusform>
                <numerusform>%n رابط {0}</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gui/edit_report.py" line="64" />
            <source>its {0} ({1})</source>
            <translation>{0} ({1})</translation>
        </message>
        <message>
            <location filename="../../gui/edit_report.py" line="70" />
            <source>{0} → {1}: {2} was removed — Ctrl+Z brings it back</source>
            <translation>{0} ← {1}: أُزيل {2} — يعيده Ctrl+Z</translation>
        </message>
        <message>
            <location filename="../../gui/edit_report.py" line="72" />
            <source>{0} → {1}: {2} were removed — Ctrl+Z brings them back</source>
            <translation>{0} ← {1}: أُزيل {2} — يعيدها Ctrl+Z</translation>
        </message>
        <message>
            <location filename="../../gui/edit_report.py" line="86" />
            <source>Deleted {0} «{1}» and its {2} — Ctrl+Z brings them back</source>
            <translation>حُذف {0} «{1}» ومعه {2} — يعيدها Ctrl+Z</translation>
        </message>
        <message>
            <location filename="../../gui/edit_report.py" line="90" />
            <source>Deleted {0} «{1}» — Ctrl+Z brings it back</source>
            <translation>حُذف {0} «{1}» — يعيده Ctrl+Z</translation>
        </message>
        <message>
            <location filename="../../gui/edit_report.py" line="106" />
            <source>This {0} overlaps another {0}, «{1}»: allowed, but check that both are meant</source>
            <translation>هذا المقطع ({0}) يتداخل مع مقطع {0} آخر، «{1}»: هذا مسموح، لكن تحقّق من أن كليهما مقصود</translation>
        </message>
    </context>
    <context>
        <name>EmptyDoneCheck</name>
        <message>
            <location filename="../../gui/empty_done.py" line="33" />
            <source>Not marked done: this statement has no spans, and this project does not mark such statements done (done_without_spans: refuse). Label something, or skip it with Ctrl+Shift+K.</source>
            <translation>لم يُعلَّم منجزًا: لا مقاطع في هذا البيان، وهذا المشروع لا يعلّم مثله منجزًا (done_without_spans: refuse). وسِّم شيئًا، أو تخطَّه بـ Ctrl+Shift+K.</translation>
        </message>
        <message>
            <location filename="../../gui/empty_done.py" line="37" />
            <source>No spans</source>
            <translation>لا مقاطع</translation>
        </message>
        <message>
            <location filename="../../gui/empty_done.py" line="38" />
            <source>This statement has no spans. Mark it done anyway?</source>
            <translation>لا مقاطع في هذا البيان. أتعلّمه منجزًا مع ذلك؟</translation>
        </message>
        <message>
            <location filename="../../gui/empty_done.py" line="39" />
            <source>Mark done</source>
            <translation>تعليم منجزًا</translation>
        </message>
        <message>
            <location filename="../../gui/empty_done.py" line="40" />
            <source>Stay</source>
            <translation>البقاء هنا</translation>
        </message>
        <message>
            <location filename="../../gui/empty_done.py" line="42" />
            <source>Don't ask again for this project</source>
            <translation>لا تسأل مجددًا في هذا المشروع</translation>
        </message>
        <message>
            <location filename="../../gui/empty_done.py" line="43" />
            <source>Ctrl+Return will mark statements without spans done without asking</source>
            <translation>سيعلّم Ctrl+Return البيانات التي بلا مقاطع منجزةً دون سؤال</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <location filename="../../gui/transfer.py" line="442" />
            <source>Export</source>
            <translation>تصدير</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="448" />
            <source>Choose…</source>
            <translation>اختيار…</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="454" />
            <source>Every annotator</source>
            <translation>كل الموسِّمين</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="460" />
            <source>What annotators marked done</source>
            <translation>ما أنجزه الموسِّمون</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="461" />
            <source>Every statement</source>
            <translation>كل البيانات</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="466" />
            <source>Format</source>
            <translation>الصيغة</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="467" />
            <location filename="../../gui/transfer.py" line="479" />
            <source>Export to</source>
            <translation>التصدير إلى</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="468" />
            <source>Annotator</source>
            <translation>الموسِّم</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="469" />
            <source>Statements</source>
            <translation>البيانات</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="476" />
            <source>Export to a folder</source>
            <translation>التصدير إلى مجلد</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <location filename="../../gui/transfer.py" line="369" />
            <source>Import</source>
            <translation>استيراد</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="371" />
            <source>Files to import</source>
            <translation>الملفات المراد استيرادها</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="373" />
            <source>Files…</source>
            <translation>ملفات…</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="375" />
            <source>Folder…</source>
            <translation>مجلد…</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="382" />
            <source>Recognize (by name and content)</source>
            <translation>تعرّف تلقائي (من الاسم والمحتوى)</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="386" />
            <source>for records that name no annotator</source>
            <translation>للسجلات التي لا تذكر موسِّمًا</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="387" />
            <source>Add labels and relations the schema lacks</source>
            <translation>إضافة الأوسام والعلاقات غير الموجودة في المخطط</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="388" />
            <source>Refuse the import if anything in the files would be left out</source>
            <translation>رفض الاستيراد إن كان شيء في الملفات سيُترك</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="393" />
            <source>Files</source>
            <translation>الملفات</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="394" />
            <source>Format</source>
            <translation>الصيغة</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="395" />
            <source>Annotator</source>
            <translation>الموسِّم</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="403" />
            <source>Import files</source>
            <translation>استيراد ملفات</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="404" />
            <source>Statements and annotations (*.txt *.csv *.jsonl *.json *.ndjson);;All files (*)</source>
            <translation>البيانات والتوسيمات (*.txt *.csv *.jsonl *.json *.ndjson);;كل الملفات (*)</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="410" />
            <source>Import a folder (brat)</source>
            <translation>استيراد مجلد (brat)</translation>
        </message>
    </context>
    <context>
        <name>LabelPalette</name>
        <message>
            <location filename="../../gui/panels.py" line="50" />
            <source>Labels</source>
            <translation>الأوسام</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../gui/main_window.py" line="223" />
            <source>&amp;File</source>
            <translation>&amp;ملف</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="223" />
            <source>&amp;Edit</source>
            <translation>&amp;تحرير</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="223" />
            <source>&amp;View</source>
            <translation>&amp;عرض</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="224" />
            <source>&amp;Help</source>
            <translation>م&amp;ساعدة</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="224" />
            <source>&amp;Review</source>
            <translation>م&amp;راجعة</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="231" />
            <source>&amp;New project…</source>
            <translation>مشروع &amp;جديد…</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="232" />
            <source>&amp;Open project…</source>
            <translation>&amp;فتح مشروع…</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="233" />
            <source>&amp;Recent projects</source>
            <translation>&amp;المشاريع الأخيرة</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="235" />
            <source>Change &amp;annotator…</source>
            <translation>تغيير ال&amp;موسِّم…</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="236" />
            <source>&amp;Quit</source>
            <translation>&amp;خروج</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="243" />
            <source>Mark &amp;done and open the next</source>
            <translation>تعليم البيان &amp;منجزًا وفتح التالي</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="245" />
            <source>Mark &amp;skipped and open the next</source>
            <translation>تعليم البيان م&amp;تخطّى وفتح التالي</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="246" />
            <source>Mark &amp;to do</source>
            <translation>تعليم البيان &amp;غير منجز</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="247" />
            <source>&amp;Note on this statement…</source>
            <translation>م&amp;لاحظة على هذا البيان…</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="248" />
            <source>De&amp;lete the selected span</source>
            <translation>&amp;حذف المقطع المحدد</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="261" />
            <source>Next statement not &amp;done</source>
            <translation>البيان التالي &amp;غير المنجز</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="266" />
            <source>Go to the &amp;statement list</source>
            <translation>الانتقال إلى &amp;قائمة البيانات</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="598" />
            <source>Bayan — {0} — {1}</source>
            <translation>بيان — {0} — {1}</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="256" />
            <source>&amp;Next statement</source>
            <translation>البيان ال&amp;تالي</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="258" />
            <source>&amp;Previous statement</source>
            <translation>البيان ال&amp;سابق</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="263" />
            <source>Zoom &amp;in</source>
            <translation>ت&amp;كبير</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="264" />
            <source>Zoom &amp;out</source>
            <translation>ت&amp;صغير</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="265" />
            <source>&amp;Reset zoom</source>
            <translation>إعادة &amp;ضبط التكبير</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="267" />
            <source>Go to the &amp;text</source>
            <translation>الانتقال إلى ال&amp;نص</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="272" />
            <source>&amp;About Bayan</source>
            <translation>&amp;عن بيان</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="381" />
            <source>Every statement is done.</source>
            <translation>أُنجزت كل البيانات.</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="390" />
            <source>Wrapped to the first statement not done: {0}</source>
            <translation>عدنا إلى أول بيان لم يُنجز: {0}</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="407" />
            <source>This project has no statements yet: import some.</source>
            <translation>لا بيانات في هذا المشروع بعد: استورد بعضها.</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="430" />
            <source>Undo: back to statement {0} ({1})</source>
            <translation>تراجع: العودة إلى البيان {0} ({1})</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="430" />
            <source>Redo: to statement {0} ({1})</source>
            <translation>إعادة: إلى البيان {0} ({1})</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="524" />
            <source>Every statement is done. Well done!</source>
            <translation>أُنجزت كل البيانات. أحسنت!</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="584" />
            <source>Statement {0} / {1}</source>
            <translation>البيان {0} / {1}</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="593" />
            <source>Annotator: {0}</source>
            <translation>الموسِّم: {0}</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="612" />
            <source>New project</source>
            <translation>مشروع جديد</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="612" />
            <source>Bayan projects (*.bayan)</source>
            <translation>مشاريع بيان (*.bayan)</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="620" />
            <source>Cannot create the project</source>
            <translation>تعذّر إنشاء المشروع</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="626" />
            <source>Open project</source>
            <translation>فتح مشروع</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="626" />
            <source>Bayan projects (*.bayan);;All files (*)</source>
            <translation>مشاريع بيان (*.bayan);;كل الملفات (*)</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="635" />
            <source>Cannot open the project</source>
            <translation>تعذّر فتح المشروع</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="661" />
            <source>(none)</source>
            <translation>(لا شيء)</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="697" />
            <source>The project file is damaged</source>
            <translation>ملف المشروع تالف</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="698" />
            <source>The integrity check failed:
{0}

Keep a copy of the file and restore a backup.</source>
            <translation>فشل فحص السلامة:
{0}

احتفظ بنسخة من الملف واستعد نسخة احتياطية.</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="706" />
            <source>About Bayan</source>
            <translation>عن بيان</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="707" />
            <source>Bayan: annotate actors and claims in Arabic statements. Every edit is saved when you make it.</source>
            <translation>بيان: توسيم الفاعلين والادعاءات في البيانات العربية. يُحفظ كل تعديل لحظة إجرائه.</translation>
        </message>
    </context>
    <context>
        <name>NoteDialog</name>
        <message>
            <location filename="../../gui/panels.py" line="232" />
            <source>Note on this statement</source>
            <translation>ملاحظة على هذا البيان</translation>
        </message>
        <message>
            <location filename="../../gui/panels.py" line="234" />
            <source>A note for the reviewer (saved with your annotations):</source>
            <translation>ملاحظة للمراجِع (تُحفظ مع توسيماتك):</translation>
        </message>
        <message>
            <location filename="../../gui/panels.py" line="242" />
            <source>Save (Ctrl+Return)</source>
            <translation>حفظ (Ctrl+Return)</translation>
        </message>
    </context>
    <context>
        <name>ProgressIndicator</name>
        <message>
            <location filename="../../gui/progress.py" line="27" />
            <source>Your spans, per label</source>
            <translation>مقاطعك، لكل وسم</translation>
        </message>
        <message>
            <location filename="../../gui/progress.py" line="32" />
            <source>Statements you marked done, of all</source>
            <translation>البيانات التي أنجزتها، من الكل</translation>
        </message>
    </context>
    <context>
        <name>RelationTableModel</name>
        <message>
            <location filename="../../gui/models.py" line="328" />
            <source>From</source>
            <translation>من</translation>
        </message>
        <message>
            <location filename="../../gui/models.py" line="328" />
            <source>Relation</source>
            <translation>العلاقة</translation>
        </message>
        <message>
            <location filename="../../gui/models.py" line="328" />
            <source>To</source>
            <translation>إلى</translation>
        </message>
    </context>
    <context>
        <name>SearchPanel</name>
        <message>
            <location filename="../../gui/search.py" line="352" />
            <source>Search all statements</source>
            <translation>البحث في كل البيانات</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="354" />
            <source>Alef forms, ة/ه and ى/ي match each other; harakat and tatweel are ignored.</source>
            <translation>صور الألف، وة/ه، وى/ي تتطابق فيما بينها؛ وتُهمَل الحركات والتطويل.</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="359" />
            <source>Any status</source>
            <translation>أي حالة</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="359" />
            <source>To do</source>
            <translation>لم يُنجز</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="359" />
            <source>Done</source>
            <translation>منجز</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="359" />
            <source>Skipped</source>
            <translation>متخطّى</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="366" />
            <source>Indexing for search… %p%</source>
            <translation>جارٍ الفهرسة للبحث… %p%</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="433" />
            <source>Any label</source>
            <translation>أي وسم</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="437" />
            <source>Statements with a {0} span</source>
            <translation>بيانات فيها مقطع {0}</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="440" />
            <source>Hits inside a {0} span</source>
            <translation>نتائج داخل مقطع {0}</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="444" />
            <source>Filter by label: the statements in which you marked a span of it, or only the hits inside such spans</source>
            <translation>التصفية بالوسم: البيانات التي حددتَ فيها مقطعًا به، أو النتائج الواقعة داخل هذه المقاطع فقط</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gui/search.py" line="517" />
            <source>More than %Ln statements</source>
            <translation>
                <numerusform>أكثر من %Ln بيان</numerusform>
                <numerusform>أكثر من بيان واحد</numerusform>
                <numerusform>أكثر من بيانين</numerusform>
                <numerusform>أكثر من %Ln بيانات</numerusform>
                <numerusform>أكثر من %Ln بيانًا</numerusform>
                <numerusform>أكثر من %Ln بيان</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../gui/search.py" line="521" />
            <source>%Ln statements</source>
            <translation>
                <numerusform>لا بيانات</numerusform>
                <numerusform>بيان واحد</numerusform>
                <numerusform>بيانان</numerusform>
                <numerusform>%Ln بيانات</numerusform>
                <numerusform>%Ln بيانًا</numerusform>
                <numerusform>%Ln بيان</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="519" />
            <source>1 statement</source>
            <translation>بيان واحد</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="544" />
            <source>Preparing the search index…</source>
            <translation>جارٍ تجهيز فهرس البحث…</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="559" />
            <source>The search index could not be built: {0}</source>
            <translation>تعذّر بناء فهرس البحث: {0}</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="600" />
            <source>Search</source>
            <translation>بحث</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="604" />
            <source>&amp;Find in all statements…</source>
            <translation>ال&amp;بحث في كل البيانات…</translation>
        </message>
    </context>
    <context>
        <name>SearchResultModel</name>
        <message>
            <location filename="../../gui/search.py" line="185" />
            <source>No.</source>
            <translation>الرقم</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="187" />
            <source>Statement</source>
            <translation>البيان</translation>
        </message>
    </context>
    <context>
        <name>SpanTableModel</name>
        <message>
            <location filename="../../gui/models.py" line="280" />
            <source>Label</source>
            <translation>الوسم</translation>
        </message>
        <message>
            <location filename="../../gui/models.py" line="280" />
            <source>Text</source>
            <translation>النص</translation>
        </message>
        <message>
            <location filename="../../gui/models.py" line="280" />
            <source>Attributes</source>
            <translation>السمات</translation>
        </message>
    </context>
    <context>
        <name>StatementEditor</name>
        <message>
            <location filename="../../gui/editor.py" line="339" />
            <source>Relation cancelled</source>
            <translation>أُلغيت العلاقة</translation>
        </message>
        <message>
            <location filename="../../gui/editor.py" line="364" />
            <source>Nothing to delete: select a span first (click it or press Tab)</source>
            <translation>لا شيء للحذف: حدّد مقطعًا أولًا (انقره أو اضغط Tab)</translation>
        </message>
        <message>
            <location filename="../../gui/editor.py" line="383" />
            <source>Select a span first (click it or press Tab), then press b</source>
            <translation>حدّد مقطعًا أولًا (انقره أو اضغط Tab)، ثم اضغط b</translation>
        </message>
        <message>
            <location filename="../../gui/editor.py" line="387" />
            <source>Boundaries: ← → move the end, ↑ ↓ the start, by a word (with Alt, by a character); Return or Esc when done</source>
            <translation>الحدود: ← → تحرّك النهاية، ↑ ↓ البداية، كلمةً كلمة (مع Alt حرفًا حرفًا)؛ Return أو Esc للإنهاء</translation>
        </message>
        <message>
            <location filename="../../gui/editor.py" line="425" />
            <source>Nothing to label: the selection holds only spaces or punctuation</source>
            <translation>لا شيء للوسم: التحديد لا يحوي إلا مسافات أو علامات ترقيم</translation>
        </message>
        <message>
            <location filename="../../gui/editor.py" line="435" />
            <source>Select some text first (Shift+arrows or the mouse)</source>
            <translation>حدّد نصًا أولًا (Shift+الأسهم أو الفأرة)</translation>
        </message>
        <message>
            <location filename="../../gui/editor.py" line="445" />
            <source>Digits set the selected span's attribute (a claim's stance): select a span first (click it or press Tab)</source>
            <translation>الأرقام تعيّن سمة المقطع المحدد (موقف الادعاء): حدّد مقطعًا أولًا (انقره أو اضغط Tab)</translation>
        </message>
        <message>
            <location filename="../../gui/editor.py" line="452" />
            <source>A {0} span has no attribute to set with digits</source>
            <translation>ليس لمقطع {0} سمة تُعيَّن بالأرقام</translation>
        </message>
        <message>
            <location filename="../../gui/editor.py" line="463" />
            <source>{0} has {1} values: press 1 to {1}, or 0 to clear it</source>
            <translation>{0}: {1} قيم؛ اضغط من 1 إلى {1}، أو 0 لمسحها</translation>
        </message>
        <message>
            <location filename="../../gui/editor.py" line="499" />
            <source>Select a span first (click it or press Tab), then press r</source>
            <translation>حدّد مقطعًا أولًا (انقره أو اضغط Tab)، ثم اضغط r</translation>
        </message>
        <message>
            <location filename="../../gui/editor.py" line="503" />
            <source>No relation starts at a {0} span</source>
            <translation>لا علاقة تبدأ من مقطع {0}</translation>
        </message>
        <message>
            <location filename="../../gui/editor.py" line="510" />
            <source>No {0} span to link to</source>
            <translation>لا يوجد مقطع {0} للربط به</translation>
        </message>
        <message>
            <location filename="../../gui/editor.py" line="515" />
            <source>{0}: click the {1} (or Tab to it and press Return); Esc cancels</source>
            <translation>{0}: انقر {1} (أو انتقل إليه بـ Tab واضغط Return)؛ Esc للإلغاء</translation>
        </message>
    </context>
    <context>
        <name>StatementListModel</name>
        <message>
            <location filename="../../gui/models.py" line="160" />
            <source>Id</source>
            <translation>المعرّف</translation>
        </message>
        <message>
            <location filename="../../gui/models.py" line="160" />
            <source>Statement</source>
            <translation>البيان</translation>
        </message>
        <message>
            <location filename="../../gui/models.py" line="160" />
            <source>Status</source>
            <translation>الحالة</translation>
        </message>
        <message>
            <location filename="../../gui/models.py" line="160" />
            <source>Note</source>
            <translation>ملاحظة</translation>
        </message>
        <message>
            <location filename="../../gui/models.py" line="175" />
            <source>to do</source>
            <translation>لم يُنجز</translation>
        </message>
        <message>
            <location filename="../../gui/models.py" line="175" />
            <source>done</source>
            <translation>منجز</translation>
        </message>
        <message>
            <location filename="../../gui/models.py" line="175" />
            <source>skipped</source>
            <translation>متخطّى</translation>
        </message>
        <message>
            <location filename="../../gui/models.py" line="177" />
            <source>has a note</source>
            <translation>عليه ملاحظة</translation>
        </message>
    </context>
    <context>
        <name>Transfer</name>
        <message>
            <location filename="../../gui/transfer.py" line="168" />
            <source>Importing {0}…</source>
            <translation>جارٍ استيراد {0}…</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="182" />
            <source>Exporting to {0}…</source>
            <translation>جارٍ التصدير إلى {0}…</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="189" />
            <source>Cancel</source>
            <translation>إلغاء</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="190" />
            <source>Import</source>
            <translation>استيراد</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="190" />
            <source>Export</source>
            <translation>تصدير</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="232" />
            <source>{0}: {1} records, {2} new statements, {3} new spans, {4} new relations</source>
            <translation>{0}: {1} سجلًا، {2} بيانًا جديدًا، {3} مقطعًا جديدًا، {4} علاقة جديدة</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="237" />
            <source>(new labels: {0})</source>
            <translation>(أوسام جديدة: {0})</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="241" />
            <source>Import finished</source>
            <translation>اكتمل الاستيراد</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="245" />
            <source>Export finished</source>
            <translation>اكتمل التصدير</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="246" />
            <source>Wrote {0} records.</source>
            <translation>كُتب {0} سجلًا.</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="258" />
            <source>skipped 1 blank text</source>
            <translation>تُخطّي نص فارغ واحد</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gui/transfer.py" line="258" />
            <source>skipped %n blank texts</source>
            <translation>
                <numerusform>تُخطّي %n نصوص فارغة</numerusform>
                <numerusform>تُخطّي نص فارغ واحد</numerusform>
                <numerusform>تُخطّي نصان فارغان</numerusform>
                <numerusform>تُخطّي %n نصوص فارغة</numerusform>
                <numerusform>تُخطّي %n نصًا فارغًا</numerusform>
                <numerusform>تُخطّي %n نص فارغ</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="260" />
            <source>dropped 1 rejected suggestion</source>
            <translation>أُسقط اقتراح مرفوض واحد</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gui/transfer.py" line="261" />
            <source>dropped %n rejected suggestions</source>
            <translation>
                <numerusform>أُسقطت %n اقتراحات مرفوضة</numerusform>
                <numerusform>أُسقط اقتراح مرفوض واحد</numerusform>
                <numerusform>أُسقط اقتراحان مرفوضان</numerusform>
                <numerusform>أُسقطت %n اقتراحات مرفوضة</numerusform>
                <numerusform>أُسقط %n اقتراحًا مرفوضًا</numerusform>
                <numerusform>أُسقط %n اقتراح مرفوض</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="263" />
            <source>dropped 1 ignored task</source>
            <translation>أُسقطت مهمة متجاهَلة واحدة</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gui/transfer.py" line="263" />
            <source>dropped %n ignored tasks</source>
            <translation>
                <numerusform>أُسقطت %n مهام متجاهَلة</numerusform>
                <numerusform>أُسقطت مهمة متجاهَلة واحدة</numerusform>
                <numerusform>أُسقطت مهمتان متجاهَلتان</numerusform>
                <numerusform>أُسقطت %n مهام متجاهَلة</numerusform>
                <numerusform>أُسقطت %n مهمة متجاهَلة</numerusform>
                <numerusform>أُسقطت %n مهمة متجاهَلة</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="265" />
            <source>dropped 1 span of an ignored task</source>
            <translation>أُسقط مقطع واحد من مهمة متجاهَلة</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gui/transfer.py" line="266" />
            <source>dropped %n spans of ignored tasks</source>
            <translation>
                <numerusform>أُسقطت %n مقاطع من مهام متجاهَلة</numerusform>
                <numerusform>أُسقط مقطع واحد من مهمة متجاهَلة</numerusform>
                <numerusform>أُسقط مقطعان من مهام متجاهَلة</numerusform>
                <numerusform>أُسقطت %n مقاطع من مهام متجاهَلة</numerusform>
                <numerusform>أُسقط %n مقطعًا من مهام متجاهَلة</numerusform>
                <numerusform>أُسقط %n مقطع من مهام متجاهَلة</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="268" />
            <source>dropped 1 prediction of an annotated task</source>
            <translation>أُسقط توقّع واحد لمهمة موسومة</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gui/transfer.py" line="269" />
            <source>dropped %n predictions of annotated tasks</source>
            <translation>
                <numerusform>أُسقطت %n توقّعات لمهام موسومة</numerusform>
                <numerusform>أُسقط توقّع واحد لمهمة موسومة</numerusform>
                <numerusform>أُسقط توقّعان لمهام موسومة</numerusform>
                <numerusform>أُسقطت %n توقّعات لمهام موسومة</numerusform>
                <numerusform>أُسقط %n توقّعًا لمهام موسومة</numerusform>
                <numerusform>أُسقط %n توقّع لمهام موسومة</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="271" />
            <source>dropped 1 draft</source>
            <translation>أُسقطت مسودة واحدة</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gui/transfer.py" line="271" />
            <source>dropped %n drafts</source>
            <translation>
                <numerusform>أُسقطت %n مسودات</numerusform>
                <numerusform>أُسقطت مسودة واحدة</numerusform>
                <numerusform>أُسقطت مسودتان</numerusform>
                <numerusform>أُسقطت %n مسودات</numerusform>
                <numerusform>أُسقطت %n مسودة</numerusform>
                <numerusform>أُسقطت %n مسودة</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="273" />
            <source>dropped 1 differing meta of a statement already there</source>
            <translation>أُسقطت بيانات وصفية مختلفة لبيان موجود</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gui/transfer.py" line="274" />
            <source>dropped %n differing metas of statements already there</source>
            <translation>
                <numerusform>أُسقطت %n بيانات وصفية مختلفة لبيانات موجودة</numerusform>
                <numerusform>أُسقطت بيانات وصفية مختلفة لبيان موجود</numerusform>
                <numerusform>أُسقطت بيانات وصفية مختلفة لبيانين موجودين</numerusform>
                <numerusform>أُسقطت %n بيانات وصفية مختلفة لبيانات موجودة</numerusform>
                <numerusform>أُسقطت بيانات وصفية مختلفة لـ %n بيانًا موجودًا</numerusform>
                <numerusform>أُسقطت بيانات وصفية مختلفة لـ %n بيان موجود</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="276" />
            <source>kept 1 document choice in statement meta</source>
            <translation>حُفظ اختيار واحد للنص كله في البيانات الوصفية للبيان</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gui/transfer.py" line="277" />
            <source>kept %n document choices in statement meta</source>
            <translation>
                <numerusform>حُفظت %n اختيارات للنص كله في البيانات الوصفية للبيان</numerusform>
                <numerusform>حُفظ اختيار واحد للنص كله في البيانات الوصفية للبيان</numerusform>
                <numerusform>حُفظ اختياران للنص كله في البيانات الوصفية للبيان</numerusform>
                <numerusform>حُفظت %n اختيارات للنص كله في البيانات الوصفية للبيان</numerusform>
                <numerusform>حُفظ %n اختيارًا للنص كله في البيانات الوصفية للبيان</numerusform>
                <numerusform>حُفظ %n اختيار للنص كله في البيانات الوصفية للبيان</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="279" />
            <source>kept 1 text category in statement meta</source>
            <translation>حُفظت فئة نصية واحدة في البيانات الوصفية للبيان</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gui/transfer.py" line="280" />
            <source>kept %n text categories in statement meta</source>
            <translation>
                <numerusform>حُفظت %n فئات نصية في البيانات الوصفية للبيان</numerusform>
                <numerusform>حُفظت فئة نصية واحدة في البيانات الوصفية للبيان</numerusform>
                <numerusform>حُفظت فئتان نصيتان في البيانات الوصفية للبيان</numerusform>
                <numerusform>حُفظت %n فئات نصية في البيانات الوصفية للبيان</numerusform>
                <numerusform>حُفظت %n فئة نصية في البيانات الوصفية للبيان</numerusform>
                <numerusform>حُفظت %n فئة نصية في البيانات الوصفية للبيان</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="287" />
            <source>dropped 1 brat event (its trigger span kept)</source>
            <translation>أُسقط حدث brat واحد (وحُفظ مقطع محفّزه)</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gui/transfer.py" line="288" />
            <source>dropped %n brat events (their trigger spans kept)</source>
            <translation>
                <numerusform>أُسقطت %n أحداث brat (وحُفظت مقاطع محفّزاتها)</numerusform>
                <numerusform>أُسقط حدث brat واحد (وحُفظ مقطع محفّزه)</numerusform>
                <numerusform>أُسقط حدثا brat (وحُفظ مقطعا محفّزيهما)</numerusform>
                <numerusform>أُسقطت %n أحداث brat (وحُفظت مقاطع محفّزاتها)</numerusform>
                <numerusform>أُسقط %n حدثًا من brat (وحُفظت مقاطع محفّزاتها)</numerusform>
                <numerusform>أُسقط %n حدث brat (وحُفظت مقاطع محفّزاتها)</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="290" />
            <source>dropped 1 brat equivalence</source>
            <translation>أُسقط تكافؤ brat واحد</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gui/transfer.py" line="290" />
            <source>dropped %n brat equivalences</source>
            <translation>
                <numerusform>أُسقطت %n تكافؤات brat</numerusform>
                <numerusform>أُسقط تكافؤ brat واحد</numerusform>
                <numerusform>أُسقط تكافؤا brat</numerusform>
                <numerusform>أُسقطت %n تكافؤات brat</numerusform>
                <numerusform>أُسقط %n تكافؤًا من brat</numerusform>
                <numerusform>أُسقط %n تكافؤ brat</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="292" />
            <source>dropped 1 brat normalization</source>
            <translation>أُسقط ربط brat واحد بمرجع خارجي</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gui/transfer.py" line="293" />
            <source>dropped %n brat normalizations</source>
            <translation>
                <numerusform>أُسقطت %n روابط brat بمراجع خارجية</numerusform>
                <numerusform>أُسقط ربط brat واحد بمرجع خارجي</numerusform>
                <numerusform>أُسقط ربطا brat بمرجعين خارجيين</numerusform>
                <numerusform>أُسقطت %n روابط brat بمراجع خارجية</numerusform>
                <numerusform>أُسقط %n ربطًا من brat بمراجع خارجية</numerusform>
                <numerusform>أُسقط %n ربط brat بمراجع خارجية</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="295" />
            <source>dropped 1 attribute of an event or relation</source>
            <translation>أُسقطت سمة واحدة لحدث أو علاقة</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gui/transfer.py" line="296" />
            <source>dropped %n attributes of events or relations</source>
            <translation>
                <numerusform>أُسقطت %n سمات لأحداث أو علاقات</numerusform>
                <numerusform>أُسقطت سمة واحدة لحدث أو علاقة</numerusform>
                <numerusform>أُسقطت سمتان لأحداث أو علاقات</numerusform>
                <numerusform>أُسقطت %n سمات لأحداث أو علاقات</numerusform>
                <numerusform>أُسقطت %n سمة لأحداث أو علاقات</numerusform>
                <numerusform>أُسقطت %n سمة لأحداث أو علاقات</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="298" />
            <source>dropped 1 relation with an event argument</source>
            <translation>أُسقطت علاقة واحدة أحد طرفيها حدث</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gui/transfer.py" line="299" />
            <source>dropped %n relations with event arguments</source>
            <translation>
                <numerusform>أُسقطت %n علاقات أحد طرفيها حدث</numerusform>
                <numerusform>أُسقطت علاقة واحدة أحد طرفيها حدث</numerusform>
                <numerusform>أُسقطت علاقتان أحد طرفي كل منهما حدث</numerusform>
                <numerusform>أُسقطت %n علاقات أحد طرفيها حدث</numerusform>
                <numerusform>أُسقطت %n علاقة أحد طرفيها حدث</numerusform>
                <numerusform>أُسقطت %n علاقة أحد طرفيها حدث</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="301" />
            <source>kept 1 annotator note in the statement note</source>
            <translation>حُفظت ملاحظة موسِّم واحدة في ملاحظة البيان</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gui/transfer.py" line="302" />
            <source>kept %n annotator notes in the statement note</source>
            <translation>
                <numerusform>حُفظت %n ملاحظات موسِّمين في ملاحظة البيان</numerusform>
                <numerusform>حُفظت ملاحظة موسِّم واحدة في ملاحظة البيان</numerusform>
                <numerusform>حُفظت ملاحظتا موسِّم في ملاحظة البيان</numerusform>
                <numerusform>حُفظت %n ملاحظات موسِّمين في ملاحظة البيان</numerusform>
                <numerusform>حُفظت %n ملاحظة موسِّم في ملاحظة البيان</numerusform>
                <numerusform>حُفظت %n ملاحظة موسِّم في ملاحظة البيان</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="304" />
            <source>kept the fragments of 1 discontinuous span in statement meta</source>
            <translation>حُفظت أجزاء مقطع متقطّع واحد في البيانات الوصفية للبيان</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gui/transfer.py" line="305" />
            <source>kept the fragments of %n discontinuous spans in statement meta</source>
            <translation>
                <numerusform>حُفظت أجزاء %n مقاطع متقطّعة في البيانات الوصفية للبيان</numerusform>
                <numerusform>حُفظت أجزاء مقطع متقطّع واحد في البيانات الوصفية للبيان</numerusform>
                <numerusform>حُفظت أجزاء مقطعين متقطّعين في البيانات الوصفية للبيان</numerusform>
                <numerusform>حُفظت أجزاء %n مقاطع متقطّعة في البيانات الوصفية للبيان</numerusform>
                <numerusform>حُفظت أجزاء %n مقطعًا متقطّعًا في البيانات الوصفية للبيان</numerusform>
                <numerusform>حُفظت أجزاء %n مقطع متقطّع في البيانات الوصفية للبيان</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="310" />
            <source>Import failed</source>
            <translation>فشل الاستيراد</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="311" />
            <source>Nothing was imported; the project is unchanged.</source>
            <translation>لم يُستورد شيء؛ المشروع كما كان.</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="313" />
            <source>Export failed</source>
            <translation>فشل التصدير</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="314" />
            <source>No file was written.</source>
            <translation>لم يُكتب أي ملف.</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="320" />
            <source>Import cancelled; the project is unchanged.</source>
            <translation>أُلغي الاستيراد؛ المشروع كما كان.</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="322" />
            <source>Export cancelled; no file was written.</source>
            <translation>أُلغي التصدير؛ لم يُكتب أي ملف.</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="132" />
            <source>&amp;Import…</source>
            <translation>ا&amp;ستيراد…</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="92" />
            <source>choose the annotator in the import dialog</source>
            <translation>اختر الموسِّم في نافذة الاستيراد</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="135" />
            <source>&amp;Export…</source>
            <translation>ت&amp;صدير…</translation>
        </message>
    </context>
    <context>
        <name>UiLanguage</name>
        <message>
            <location filename="../../gui/i18n.py" line="108" />
            <source>&amp;Language</source>
            <translation>ال&amp;لغة</translation>
        </message>
    </context>
    <context>
        <name>AgreementPanel</name>
        <message>
            <location filename="../../gui/agreement_panel.py" line="32" />
            <source>Not measured yet.</source>
            <translation>لم يُقَس بعد.</translation>
        </message>
        <message>
            <location filename="../../gui/agreement_panel.py" line="34" />
            <source>Measure agreement</source>
            <translation>قياس الاتفاق</translation>
        </message>
        <message>
            <location filename="../../gui/agreement_panel.py" line="53" />
            <source>Pairs (overlap F1, Cohen's kappa); click one to list where it disagrees</source>
            <translation>الأزواج (F1 بالتداخل، كابا كوهين)؛ انقر زوجًا لعرض مواضع اختلافه</translation>
        </message>
        <message>
            <location filename="../../gui/agreement_panel.py" line="55" />
            <source>All annotators</source>
            <translation>كل الموسِّمين</translation>
        </message>
        <message>
            <location filename="../../gui/agreement_panel.py" line="60" />
            <source>Measuring…</source>
            <translation>جارٍ القياس…</translation>
        </message>
        <message>
            <location filename="../../gui/agreement_panel.py" line="64" />
            <location filename="../../gui/review.py" line="446" />
            <source>Could not measure: {0}</source>
            <translation>تعذّر القياس: {0}</translation>
        </message>
        <message>
            <location filename="../../gui/agreement_panel.py" line="70" />
            <source>{0} annotators; {1} statements done by all.</source>
            <translation>{0} موسِّمين؛ {1} بيانًا أنجزه الجميع.</translation>
        </message>
        <message>
            <location filename="../../gui/agreement_panel.py" line="76" />
            <source>Pair</source>
            <translation>الزوج</translation>
        </message>
        <message>
            <location filename="../../gui/agreement_panel.py" line="76" />
            <source>Statements</source>
            <translation>البيانات</translation>
        </message>
        <message>
            <location filename="../../gui/agreement_panel.py" line="95" />
            <source>Fleiss' kappa</source>
            <translation>كابا فلايس</translation>
        </message>
        <message>
            <location filename="../../gui/agreement_panel.py" line="95" />
            <source>Krippendorff's alpha</source>
            <translation>ألفا كريبندورف</translation>
        </message>
        <message>
            <location filename="../../gui/agreement_panel.py" line="95" />
            <source>Unitizing alpha</source>
            <translation>ألفا التقطيع</translation>
        </message>
    </context>
    <context>
        <name>AnnotatorName</name>
        <message>
            <location filename="../../gui/annotator.py" line="19" />
            <location filename="../../gui/annotator.py" line="28" />
            <source>Annotator</source>
            <translation>الموسِّم</translation>
        </message>
        <message>
            <location filename="../../gui/annotator.py" line="19" />
            <source>Your name (your annotations are kept under it):</source>
            <translation>اسمك (تُحفظ توسيماتك باسمك):</translation>
        </message>
        <message>
            <location filename="../../gui/annotator.py" line="24" />
            <source>The name</source>
            <translation>الاسم</translation>
        </message>
    </context>
    <context>
        <name>Guidelines</name>
        <message>
            <location filename="../../gui/guidelines.py" line="57" />
            <source>in this statement</source>
            <translation>في هذا البيان</translation>
        </message>
        <message>
            <location filename="../../gui/guidelines.py" line="58" />
            <source>clears</source>
            <translation>يمسح</translation>
        </message>
        <message>
            <location filename="../../gui/guidelines.py" line="64" />
            <source>Labels</source>
            <translation>الأوسام</translation>
        </message>
        <message>
            <location filename="../../gui/guidelines.py" line="91" />
            <source>Relations</source>
            <translation>العلاقات</translation>
        </message>
        <message>
            <location filename="../../gui/guidelines.py" line="99" />
            <source>Press r on a span to link it; Esc goes back to the text.</source>
            <translation>اضغط r على مقطع لربطه؛ Esc للعودة إلى النص.</translation>
        </message>
        <message>
            <location filename="../../gui/guidelines.py" line="167" />
            <source>Guidelines</source>
            <translation>الإرشادات</translation>
        </message>
        <message>
            <location filename="../../gui/guidelines.py" line="171" />
            <source>Show the &amp;guidelines</source>
            <translation>عرض الإر&amp;شادات</translation>
        </message>
    </context>
    <context>
        <name>ShortcutOverlay</name>
        <message>
            <location filename="../../gui/help.py" line="20" />
            <source>Label the selection as {0} (snapped to whole words)</source>
            <translation>وسم التحديد بـ {0} (مضبوطًا على كلمات كاملة)</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="22" />
            <source>Label exactly the selected characters as {0}</source>
            <translation>وسم الأحرف المحددة كما هي بـ {0}</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="25" />
            <source>Shift+Arrows</source>
            <translation>Shift+الأسهم</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="25" />
            <source>Select characters</source>
            <translation>تحديد أحرف</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="26" />
            <source>Ctrl+Shift+Arrows</source>
            <translation>Ctrl+Shift+الأسهم</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="26" />
            <source>Select words</source>
            <translation>تحديد كلمات</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="27" />
            <source>Shift+Home / Shift+End</source>
            <translation>Shift+Home / Shift+End</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="27" />
            <source>Select to the start / end of the line</source>
            <translation>التحديد حتى بداية السطر / نهايته</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="28" />
            <source>Ctrl+Shift+Home / End</source>
            <translation>Ctrl+Shift+Home / End</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="28" />
            <source>Select to the start / end of the statement</source>
            <translation>التحديد حتى بداية البيان / نهايته</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="29" />
            <source>Ctrl+A</source>
            <translation>Ctrl+A</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="29" />
            <source>Select the whole statement</source>
            <translation>تحديد البيان كله</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="30" />
            <source>Tab / Shift+Tab</source>
            <translation>Tab / Shift+Tab</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="30" />
            <source>Select the next / previous span</source>
            <translation>تحديد المقطع التالي / السابق</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="31" />
            <source>Click</source>
            <translation>نقرة</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="31" />
            <source>Select a span (click again for the span around it)</source>
            <translation>تحديد مقطع (انقر مرة أخرى لتحديد المقطع المحيط به)</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="32" />
            <source>Another label's key</source>
            <translation>مفتاح وسم آخر</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="32" />
            <source>Relabel the selected span</source>
            <translation>تغيير وسم المقطع المحدد</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="33" />
            <source>Delete</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="33" />
            <source>Delete the selected span</source>
            <translation>حذف المقطع المحدد</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="34" />
            <source>1 … 9, 0</source>
            <translation>1 … 9، 0</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="34" />
            <source>Set the selected span's first attribute (a claim's stance) to value 1…9; 0 clears</source>
            <translation>تعيين السمة الأولى للمقطع المحدد (موقف الادعاء) إلى القيمة 1…9؛ و0 يمسحها</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="35" />
            <source>Link the selected ACTOR to a CLAIM: then click the claim, or Tab to it and Return</source>
            <translation>ربط الفاعل (ACTOR) المحدد بادعاء (CLAIM): انقر الادعاء بعدها، أو انتقل إليه بـ Tab واضغط Return</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="36" />
            <source>Move the selected span's boundaries: ← → the end, ↑ ↓ the start, by a word (Alt: a character)</source>
            <translation>تحريك حدود المقطع المحدد: ← → النهاية، ↑ ↓ البداية، كلمةً كلمة (Alt: حرفًا حرفًا)</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="37" />
            <source>Drag a span's edge</source>
            <translation>اسحب طرف مقطع</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="38" />
            <source>Move that end of the selected span, snapped to words (Alt: a character); one undoable edit; Esc cancels</source>
            <translation>تحريك ذلك الطرف من المقطع المحدد، مضبوطًا على الكلمات (Alt: حرفًا حرفًا)؛ تعديل واحد قابل للتراجع؛ Esc للإلغاء</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="39" />
            <source>Esc</source>
            <translation>Esc</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="39" />
            <source>Clear the selection; cancel linking</source>
            <translation>إلغاء التحديد؛ إلغاء الربط</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="53" />
            <source>This list</source>
            <translation>هذه القائمة</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="100" />
            <source>Keyboard shortcuts</source>
            <translation>اختصارات لوحة المفاتيح</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="101" />
            <source>Press any key or click to close.</source>
            <translation>اضغط أي مفتاح أو انقر للإغلاق.</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="145" />
            <source>&amp;Keyboard shortcuts</source>
            <translation>اختصارات &amp;لوحة المفاتيح</translation>
        </message>
    </context>
    <context>
        <name>Review</name>
        <message>
            <location filename="../../gui/review.py" line="72" />
            <source>boundary</source>
            <translation>حدود</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="72" />
            <source>label</source>
            <translation>وسم</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="72" />
            <source>extra</source>
            <translation>زائد</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="72" />
            <source>missing</source>
            <translation>ناقص</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="138" />
            <source>done</source>
            <translation>منجز</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="138" />
            <source>skipped</source>
            <translation>متخطّى</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="138" />
            <source>not done</source>
            <translation>غير منجز</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="140" />
            <source>{0} spans</source>
            <translation>{0} مقاطع</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="174" />
            <source>Disagreement</source>
            <translation>الاختلاف</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="174" />
            <source>Gold</source>
            <translation>المعتمد</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="174" />
            <source>Done by</source>
            <translation>أنجزه</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="174" />
            <source>Statement</source>
            <translation>البيان</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="174" />
            <source>Id</source>
            <translation>المعرّف</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="189" />
            <source>missing {0}, extra {1}, boundary {2}, label {3}</source>
            <translation>ناقص {0}، زائد {1}، حدود {2}، وسم {3}</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="207" />
            <location filename="../../gui/review.py" line="425" />
            <source>Measuring the disagreements…</source>
            <translation>جارٍ قياس الاختلافات…</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="210" />
            <source>Most disagreement first</source>
            <translation>الأكثر اختلافًا أولًا</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="211" />
            <source>Statement order</source>
            <translation>ترتيب البيانات</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="212" />
            <source>Annotators disagree</source>
            <translation>يختلف الموسِّمون</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="213" />
            <source>Not yet adjudicated</source>
            <translation>لم يُحسم بعد</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="217" />
            <source>Ctrl+K accepts into gold the spans at least this many annotators agree on</source>
            <translation>Ctrl+K يعتمد المقاطع التي يتفق عليها هذا العدد من الموسِّمين على الأقل</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="244" />
            <source>Accept when at least</source>
            <translation>اعتمد حين يتفق</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="246" />
            <source>agree (Ctrl+K)</source>
            <translation>على الأقل (Ctrl+K)</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="354" />
            <source>Review list</source>
            <translation>قائمة المراجعة</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="357" />
            <source>Agreement</source>
            <translation>الاتفاق</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="360" />
            <source>&amp;Next disagreement</source>
            <translation>الاختلاف ال&amp;تالي</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="361" />
            <source>&amp;Previous disagreement</source>
            <translation>الاختلاف ال&amp;سابق</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="363" />
            <source>Go to the &amp;lanes</source>
            <translation>الانتقال إلى ال&amp;مسارات</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="364" />
            <source>&amp;Measure agreement</source>
            <translation>&amp;قياس الاتفاق</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="365" />
            <source>Accept what at least &amp;k agree on</source>
            <translation>اعتماد ما يتفق عليه &amp;k على الأقل</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="366" />
            <source>Pre-&amp;fill gold from the majority…</source>
            <translation>م&amp;لء المعتمد مسبقًا من الأغلبية…</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="404" />
            <source>No other statement where the annotators disagree.</source>
            <translation>لا بيان آخر يختلف فيه الموسِّمون.</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="417" />
            <source>Review needs two annotators or more.</source>
            <translation>تحتاج المراجعة إلى موسِّمَين أو أكثر.</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="455" />
            <source>{0} statements ({1})</source>
            <translation>{0} بيانًا ({1})</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="472" />
            <source>Accept from {0}</source>
            <translation>اعتماد من {0}</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="486" />
            <source>Accept what {0} agree on</source>
            <translation>اعتماد ما يتفق عليه {0}</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="489" />
            <source>Nothing new: gold has every span at least {0} agree on.</source>
            <translation>لا جديد: في المعتمد كل مقطع يتفق عليه {0} على الأقل.</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="493" />
            <source>Pre-fill gold</source>
            <translation>ملء المعتمد مسبقًا</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="494" />
            <source>Copy into gold every span at least this many annotators marked alike, on the statements all of them marked done (gold's own spans stay):</source>
            <translation>انسخ إلى المعتمد كل مقطع وسمه هذا العدد من الموسِّمين على الأقل بالطريقة نفسها، في البيانات التي أنجزوها جميعًا (تبقى مقاطع المعتمد كما هي):</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="502" />
            <source>Pre-fill failed: {0}</source>
            <translation>فشل الملء المسبق: {0}</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="504" />
            <source>Pre-filling gold…</source>
            <translation>جارٍ ملء المعتمد مسبقًا…</translation>
        </message>
        <message>
            <location filename="../../gui/review.py" line="510" />
            <source>Gold pre-filled: {0} spans and {1} relations on {2} statements.</source>
            <translation>مُلئ المعتمد: {0} مقاطع و{1} علاقات في {2} بيانًا.</translation>
        </message>
    </context>
    <context>
        <name>EditSession</name>
        <message>
            <location filename="../../gui/session.py" line="101" />
            <source>The project is busy: another program is writing to it (an import or a merge?). Your edit was not saved and is not shown.</source>
            <translation>المشروع مشغول: برنامج آخر يكتب فيه (استيراد أو دمج؟). لم يُحفظ تعديلك ولا يظهر.</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="108" />
            <source>Your edit could not be saved and is not shown: {0}</source>
            <translation>تعذّر حفظ تعديلك ولا يظهر: {0}</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="112" />
            <source>Not done: {0}</source>
            <translation>لم يُنفَّذ: {0}</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="162" />
            <source>Add {0}</source>
            <translation>إضافة {0}</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="171" />
            <source>Relabel as {0}</source>
            <translation>تغيير الوسم إلى {0}</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="177" />
            <source>Move the span's boundaries</source>
            <translation>تحريك حدود المقطع</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="182" />
            <source>Delete span</source>
            <translation>حذف المقطع</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="187" />
            <source>Set attributes</source>
            <translation>تعيين السمات</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="193" />
            <source>Link {0}</source>
            <translation>ربط {0}</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="198" />
            <source>Delete relation</source>
            <translation>حذف العلاقة</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="205" />
            <source>Mark done</source>
            <translation>تعليم منجزًا</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="205" />
            <source>Mark skipped</source>
            <translation>تعليم متخطّى</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="205" />
            <source>Mark to do</source>
            <translation>تعليم غير منجز</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="212" />
            <source>Edit note</source>
            <translation>تعديل الملاحظة</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="217" />
            <source>&amp;Undo</source>
            <translation>ت&amp;راجع</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="218" />
            <source>&amp;Redo</source>
            <translation>إ&amp;عادة</translation>
        </message>
    </context>
    <context>
        <name>Theme</name>
        <message>
            <location filename="../../gui/theme.py" line="104" />
            <source>T&amp;heme</source>
            <translation>ال&amp;مظهر</translation>
        </message>
        <message>
            <location filename="../../gui/theme.py" line="108" />
            <source>&amp;System</source>
            <translation>حسب ال&amp;نظام</translation>
        </message>
        <message>
            <location filename="../../gui/theme.py" line="108" />
            <source>&amp;Light</source>
            <translation>&amp;فاتح</translation>
        </message>
        <message>
            <location filename="../../gui/theme.py" line="108" />
            <source>&amp;Dark</source>
            <translation>&amp;داكن</translation>
        </message>
    </context>
</TS>
