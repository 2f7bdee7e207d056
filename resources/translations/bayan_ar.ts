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
        <name>ExportDialog</name>
        <message>
            <location filename="../../gui/transfer.py" line="364" />
            <source>Export</source>
            <translation>تصدير</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="370" />
            <source>Choose…</source>
            <translation>اختيار…</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="376" />
            <source>Every annotator</source>
            <translation>كل الموسِّمين</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="382" />
            <source>What annotators marked done</source>
            <translation>ما أنجزه الموسِّمون</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="383" />
            <source>Every statement</source>
            <translation>كل البيانات</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="388" />
            <source>Format</source>
            <translation>الصيغة</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="389" />
            <location filename="../../gui/transfer.py" line="401" />
            <source>Export to</source>
            <translation>التصدير إلى</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="390" />
            <source>Annotator</source>
            <translation>الموسِّم</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="391" />
            <source>Statements</source>
            <translation>البيانات</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="398" />
            <source>Export to a folder</source>
            <translation>التصدير إلى مجلد</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <location filename="../../gui/transfer.py" line="296" />
            <source>Import</source>
            <translation>استيراد</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="298" />
            <source>Files to import</source>
            <translation>الملفات المراد استيرادها</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="300" />
            <source>Files…</source>
            <translation>ملفات…</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="302" />
            <source>Folder…</source>
            <translation>مجلد…</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="309" />
            <source>Recognize (by name and content)</source>
            <translation>تعرّف تلقائي (من الاسم والمحتوى)</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="313" />
            <source>for records that name no annotator</source>
            <translation>للسجلات التي لا تذكر موسِّمًا</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="314" />
            <source>Add labels and relations the schema lacks</source>
            <translation>إضافة الأوسام والعلاقات غير الموجودة في المخطط</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="319" />
            <source>Files</source>
            <translation>الملفات</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="320" />
            <source>Format</source>
            <translation>الصيغة</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="321" />
            <source>Annotator</source>
            <translation>الموسِّم</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="328" />
            <source>Import files</source>
            <translation>استيراد ملفات</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="329" />
            <source>Statements and annotations (*.txt *.csv *.jsonl *.json *.ndjson);;All files (*)</source>
            <translation>البيانات والتوسيمات (*.txt *.csv *.jsonl *.json *.ndjson);;كل الملفات (*)</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="335" />
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
            <location filename="../../gui/main_window.py" line="219" />
            <source>&amp;File</source>
            <translation>&amp;ملف</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="219" />
            <source>&amp;Edit</source>
            <translation>&amp;تحرير</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="219" />
            <source>&amp;View</source>
            <translation>&amp;عرض</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="220" />
            <source>&amp;Help</source>
            <translation>م&amp;ساعدة</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="220" />
            <source>&amp;Review</source>
            <translation>م&amp;راجعة</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="227" />
            <source>&amp;New project…</source>
            <translation>مشروع &amp;جديد…</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="228" />
            <source>&amp;Open project…</source>
            <translation>&amp;فتح مشروع…</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="229" />
            <source>&amp;Recent projects</source>
            <translation>&amp;المشاريع الأخيرة</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="231" />
            <source>Change &amp;annotator…</source>
            <translation>تغيير ال&amp;موسِّم…</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="232" />
            <source>&amp;Quit</source>
            <translation>&amp;خروج</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="239" />
            <source>Mark &amp;done and open the next</source>
            <translation>تعليم البيان &amp;منجزًا وفتح التالي</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="241" />
            <source>Mark &amp;skipped and open the next</source>
            <translation>تعليم البيان م&amp;تخطّى وفتح التالي</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="242" />
            <source>Mark &amp;to do</source>
            <translation>تعليم البيان &amp;غير منجز</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="243" />
            <source>&amp;Note on this statement…</source>
            <translation>م&amp;لاحظة على هذا البيان…</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="244" />
            <source>De&amp;lete the selected span</source>
            <translation>&amp;حذف المقطع المحدد</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="257" />
            <source>Next statement not &amp;done</source>
            <translation>البيان التالي &amp;غير المنجز</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="262" />
            <source>Go to the &amp;statement list</source>
            <translation>الانتقال إلى &amp;قائمة البيانات</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="545" />
            <source>Bayan — {0} — {1}</source>
            <translation>بيان — {0} — {1}</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="252" />
            <source>&amp;Next statement</source>
            <translation>البيان ال&amp;تالي</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="254" />
            <source>&amp;Previous statement</source>
            <translation>البيان ال&amp;سابق</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="259" />
            <source>Zoom &amp;in</source>
            <translation>ت&amp;كبير</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="260" />
            <source>Zoom &amp;out</source>
            <translation>ت&amp;صغير</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="261" />
            <source>&amp;Reset zoom</source>
            <translation>إعادة &amp;ضبط التكبير</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="263" />
            <source>Go to the &amp;text</source>
            <translation>الانتقال إلى ال&amp;نص</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="268" />
            <source>&amp;About Bayan</source>
            <translation>&amp;عن بيان</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="377" />
            <source>Every statement is done.</source>
            <translation>أُنجزت كل البيانات.</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="394" />
            <source>This project has no statements yet: import some.</source>
            <translation>لا بيانات في هذا المشروع بعد: استورد بعضها.</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="480" />
            <source>Every statement is done. Well done!</source>
            <translation>أُنجزت كل البيانات. أحسنت!</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="531" />
            <source>Statement {0} / {1}</source>
            <translation>البيان {0} / {1}</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="540" />
            <source>Annotator: {0}</source>
            <translation>الموسِّم: {0}</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="559" />
            <source>New project</source>
            <translation>مشروع جديد</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="559" />
            <source>Bayan projects (*.bayan)</source>
            <translation>مشاريع بيان (*.bayan)</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="567" />
            <source>Cannot create the project</source>
            <translation>تعذّر إنشاء المشروع</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="573" />
            <source>Open project</source>
            <translation>فتح مشروع</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="573" />
            <source>Bayan projects (*.bayan);;All files (*)</source>
            <translation>مشاريع بيان (*.bayan);;كل الملفات (*)</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="582" />
            <source>Cannot open the project</source>
            <translation>تعذّر فتح المشروع</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="608" />
            <source>(none)</source>
            <translation>(لا شيء)</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="644" />
            <source>The project file is damaged</source>
            <translation>ملف المشروع تالف</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="645" />
            <source>The integrity check failed:
{0}

Keep a copy of the file and restore a backup.</source>
            <translation>فشل فحص السلامة:
{0}

احتفظ بنسخة من الملف واستعد نسخة احتياطية.</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="653" />
            <source>About Bayan</source>
            <translation>عن بيان</translation>
        </message>
        <message>
            <location filename="../../gui/main_window.py" line="654" />
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
            <location filename="../../gui/search.py" line="242" />
            <source>Search all statements</source>
            <translation>البحث في كل البيانات</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="244" />
            <source>Alef forms, ة/ه and ى/ي match each other; harakat and tatweel are ignored.</source>
            <translation>صور الألف، وة/ه، وى/ي تتطابق فيما بينها؛ وتُهمَل الحركات والتطويل.</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="249" />
            <source>Any status</source>
            <translation>أي حالة</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="249" />
            <source>To do</source>
            <translation>لم يُنجز</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="249" />
            <source>Done</source>
            <translation>منجز</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="249" />
            <source>Skipped</source>
            <translation>متخطّى</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="256" />
            <source>Indexing for search… %p%</source>
            <translation>جارٍ الفهرسة للبحث… %p%</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="320" />
            <source>Any label</source>
            <translation>أي وسم</translation>
        </message>
        <message numerus="yes">
            <location filename="../../gui/search.py" line="361" />
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
            <location filename="../../gui/search.py" line="365" />
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
            <location filename="../../gui/search.py" line="363" />
            <source>1 statement</source>
            <translation>بيان واحد</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="388" />
            <source>Preparing the search index…</source>
            <translation>جارٍ تجهيز فهرس البحث…</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="403" />
            <source>The search index could not be built: {0}</source>
            <translation>تعذّر بناء فهرس البحث: {0}</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="439" />
            <source>Search</source>
            <translation>بحث</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="443" />
            <source>&amp;Find in all statements…</source>
            <translation>ال&amp;بحث في كل البيانات…</translation>
        </message>
    </context>
    <context>
        <name>SearchResultModel</name>
        <message>
            <location filename="../../gui/search.py" line="144" />
            <source>No.</source>
            <translation>الرقم</translation>
        </message>
        <message>
            <location filename="../../gui/search.py" line="146" />
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
            <location filename="../../gui/editor.py" line="306" />
            <source>Relation cancelled</source>
            <translation>أُلغيت العلاقة</translation>
        </message>
        <message>
            <location filename="../../gui/editor.py" line="346" />
            <source>Select a span first (click it or press Tab), then press b</source>
            <translation>حدّد مقطعًا أولًا (انقره أو اضغط Tab)، ثم اضغط b</translation>
        </message>
        <message>
            <location filename="../../gui/editor.py" line="350" />
            <source>Boundaries: ← → move the end, ↑ ↓ the start, by a word (with Alt, by a character); Return or Esc when done</source>
            <translation>الحدود: ← → تحرّك النهاية، ↑ ↓ البداية، كلمةً كلمة (مع Alt حرفًا حرفًا)؛ Return أو Esc للإنهاء</translation>
        </message>
        <message>
            <location filename="../../gui/editor.py" line="384" />
            <source>Nothing to label: the selection holds only spaces or punctuation</source>
            <translation>لا شيء للوسم: التحديد لا يحوي إلا مسافات أو علامات ترقيم</translation>
        </message>
        <message>
            <location filename="../../gui/editor.py" line="394" />
            <source>Select some text first (Shift+arrows or the mouse)</source>
            <translation>حدّد نصًا أولًا (Shift+الأسهم أو الفأرة)</translation>
        </message>
        <message>
            <location filename="../../gui/editor.py" line="441" />
            <source>Select a span first (click it or press Tab), then press r</source>
            <translation>حدّد مقطعًا أولًا (انقره أو اضغط Tab)، ثم اضغط r</translation>
        </message>
        <message>
            <location filename="../../gui/editor.py" line="445" />
            <source>No relation starts at a {0} span</source>
            <translation>لا علاقة تبدأ من مقطع {0}</translation>
        </message>
        <message>
            <location filename="../../gui/editor.py" line="452" />
            <source>No {0} span to link to</source>
            <translation>لا يوجد مقطع {0} للربط به</translation>
        </message>
        <message>
            <location filename="../../gui/editor.py" line="457" />
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
            <location filename="../../gui/transfer.py" line="155" />
            <source>Importing {0}…</source>
            <translation>جارٍ استيراد {0}…</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="169" />
            <source>Exporting to {0}…</source>
            <translation>جارٍ التصدير إلى {0}…</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="176" />
            <source>Cancel</source>
            <translation>إلغاء</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="177" />
            <source>Import</source>
            <translation>استيراد</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="177" />
            <source>Export</source>
            <translation>تصدير</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="219" />
            <source>{0}: {1} records, {2} new statements, {3} new spans, {4} new relations</source>
            <translation>{0}: {1} سجلًا، {2} بيانًا جديدًا، {3} مقطعًا جديدًا، {4} علاقة جديدة</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="224" />
            <source>(new labels: {0})</source>
            <translation>(أوسام جديدة: {0})</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="227" />
            <source>Import finished</source>
            <translation>اكتمل الاستيراد</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="231" />
            <source>Export finished</source>
            <translation>اكتمل التصدير</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="232" />
            <source>Wrote {0} records.</source>
            <translation>كُتب {0} سجلًا.</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="238" />
            <source>Import failed</source>
            <translation>فشل الاستيراد</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="239" />
            <source>Nothing was imported; the project is unchanged.</source>
            <translation>لم يُستورد شيء؛ المشروع كما كان.</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="241" />
            <source>Export failed</source>
            <translation>فشل التصدير</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="242" />
            <source>No file was written.</source>
            <translation>لم يُكتب أي ملف.</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="248" />
            <source>Import cancelled; the project is unchanged.</source>
            <translation>أُلغي الاستيراد؛ المشروع كما كان.</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="250" />
            <source>Export cancelled; no file was written.</source>
            <translation>أُلغي التصدير؛ لم يُكتب أي ملف.</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="120" />
            <source>&amp;Import…</source>
            <translation>ا&amp;ستيراد…</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="80" />
            <source>choose the annotator in the import dialog</source>
            <translation>اختر الموسِّم في نافذة الاستيراد</translation>
        </message>
        <message>
            <location filename="../../gui/transfer.py" line="123" />
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
            <location filename="../../gui/guidelines.py" line="43" />
            <source>in this statement</source>
            <translation>في هذا البيان</translation>
        </message>
        <message>
            <location filename="../../gui/guidelines.py" line="44" />
            <source>clears</source>
            <translation>يمسح</translation>
        </message>
        <message>
            <location filename="../../gui/guidelines.py" line="50" />
            <source>Labels</source>
            <translation>الأوسام</translation>
        </message>
        <message>
            <location filename="../../gui/guidelines.py" line="77" />
            <source>Relations</source>
            <translation>العلاقات</translation>
        </message>
        <message>
            <location filename="../../gui/guidelines.py" line="85" />
            <source>Press r on a span to link it; Esc goes back to the text.</source>
            <translation>اضغط r على مقطع لربطه؛ Esc للعودة إلى النص.</translation>
        </message>
        <message>
            <location filename="../../gui/guidelines.py" line="125" />
            <source>Guidelines</source>
            <translation>الإرشادات</translation>
        </message>
        <message>
            <location filename="../../gui/guidelines.py" line="129" />
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
            <source>Esc</source>
            <translation>Esc</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="37" />
            <source>Clear the selection; cancel linking</source>
            <translation>إلغاء التحديد؛ إلغاء الربط</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="51" />
            <source>This list</source>
            <translation>هذه القائمة</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="98" />
            <source>Keyboard shortcuts</source>
            <translation>اختصارات لوحة المفاتيح</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="99" />
            <source>Press any key or click to close.</source>
            <translation>اضغط أي مفتاح أو انقر للإغلاق.</translation>
        </message>
        <message>
            <location filename="../../gui/help.py" line="143" />
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
            <location filename="../../gui/session.py" line="99" />
            <source>The project is busy: another program is writing to it (an import or a merge?). Your edit was not saved and is not shown.</source>
            <translation>المشروع مشغول: برنامج آخر يكتب فيه (استيراد أو دمج؟). لم يُحفظ تعديلك ولا يظهر.</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="106" />
            <source>Your edit could not be saved and is not shown: {0}</source>
            <translation>تعذّر حفظ تعديلك ولا يظهر: {0}</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="110" />
            <source>Not done: {0}</source>
            <translation>لم يُنفَّذ: {0}</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="158" />
            <source>Add {0}</source>
            <translation>إضافة {0}</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="166" />
            <source>Relabel as {0}</source>
            <translation>تغيير الوسم إلى {0}</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="171" />
            <source>Move the span's boundaries</source>
            <translation>تحريك حدود المقطع</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="175" />
            <source>Delete span</source>
            <translation>حذف المقطع</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="179" />
            <source>Set attributes</source>
            <translation>تعيين السمات</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="185" />
            <source>Link {0}</source>
            <translation>ربط {0}</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="190" />
            <source>Delete relation</source>
            <translation>حذف العلاقة</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="197" />
            <source>Mark done</source>
            <translation>تعليم منجزًا</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="197" />
            <source>Mark skipped</source>
            <translation>تعليم متخطّى</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="197" />
            <source>Mark to do</source>
            <translation>تعليم غير منجز</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="204" />
            <source>Edit note</source>
            <translation>تعديل الملاحظة</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="209" />
            <source>&amp;Undo</source>
            <translation>ت&amp;راجع</translation>
        </message>
        <message>
            <location filename="../../gui/session.py" line="210" />
            <source>&amp;Redo</source>
            <translation>إ&amp;عادة</translation>
        </message>
    </context>
    <context>
        <name>Theme</name>
        <message>
            <location filename="../../gui/theme.py" line="103" />
            <source>T&amp;heme</source>
            <translation>ال&amp;مظهر</translation>
        </message>
        <message>
            <location filename="../../gui/theme.py" line="107" />
            <source>&amp;System</source>
            <translation>حسب ال&amp;نظام</translation>
        </message>
        <message>
            <location filename="../../gui/theme.py" line="107" />
            <source>&amp;Light</source>
            <translation>&amp;فاتح</translation>
        </message>
        <message>
            <location filename="../../gui/theme.py" line="107" />
            <source>&amp;Dark</source>
            <translation>&amp;داكن</translation>
        </message>
    </context>
</TS>
