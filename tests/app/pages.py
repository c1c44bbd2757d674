"""Small pages of our own, as a browser's "select all, copy" gives them: prose in
scripts without spaces, without case, right to left; an article that is a list; a page
of menus only.  Shared by the app and window tests of the cleaning warning."""

# A line is prose when it reads like running text in its own script: these pages hold a
# headline, two or three paragraphs and the navigation around them.
CHINESE = """首页
新闻
体育
财经
登录

城市图书馆延长夜间开放时间

2026年3月4日

市图书馆周一宣布，从下个月起，主馆将在工作日开放到晚上十点，比现在晚两个小时。馆方表示，这一决定是在收到大量读者来信之后作出的，许多上班族希望下班后能有更多时间借书和自习。

图书馆负责人说，延长开放时间需要增加十二名工作人员，所需经费已经得到市政府的批准。她还表示，如果试行半年后读者反映良好，分馆也将考虑采取同样的做法。

一些读者对这一消息表示欢迎，但也有人希望周末能够提供更多的儿童活动。

分享
相关新闻
公园新增自行车道
地铁票价保持不变
"""
THAI = """หน้าแรก
ข่าว
กีฬา
เข้าสู่ระบบ

ห้องสมุดเมืองขยายเวลาเปิดให้บริการช่วงค่ำ

ห้องสมุดประจำเมืองประกาศเมื่อวันจันทร์ว่าตั้งแต่เดือนหน้าเป็นต้นไป ห้องสมุดหลักจะเปิดให้บริการจนถึงสี่ทุ่มในวันทำงาน ซึ่งช้ากว่าปัจจุบันสองชั่วโมง เพื่อให้คนทำงานมีเวลายืมหนังสือหลังเลิกงาน

ผู้อำนวยการห้องสมุดกล่าวว่า การขยายเวลาต้องจ้างเจ้าหน้าที่เพิ่มอีกสิบสองคน และได้รับงบประมาณจากเทศบาลแล้ว หากทดลองครบหกเดือนและผู้ใช้พอใจ สาขาอื่นก็จะทำแบบเดียวกัน

ผู้อ่านหลายคนยินดีกับข่าวนี้ แต่บางคนอยากให้มีกิจกรรมสำหรับเด็กในวันหยุดมากขึ้น

แชร์
ข่าวที่เกี่ยวข้อง
สวนสาธารณะเพิ่มทางจักรยาน
"""
ARABIC = """الرئيسية
أخبار
رياضة
اقتصاد
تسجيل الدخول

المكتبة العامة تمدد ساعات العمل المسائية

أعلنت المكتبة العامة في المدينة يوم الاثنين أنها ستفتح أبوابها حتى العاشرة مساء في أيام العمل ابتداء من الشهر المقبل، أي بعد ساعتين من موعد الإغلاق الحالي، استجابة لرسائل كثيرة من القراء.

وقالت مديرة المكتبة إن تمديد ساعات العمل يتطلب توظيف اثني عشر موظفا إضافيا، وإن البلدية وافقت على تمويلهم. وأضافت أن الفروع الأخرى قد تتبع الخطوة نفسها إذا نجحت التجربة خلال ستة أشهر.

ورحب عدد من القراء بالقرار، لكن بعضهم طالب بمزيد من الأنشطة للأطفال في عطلة نهاية الأسبوع.

شارك
أخبار ذات صلة
حديقة جديدة في وسط المدينة
أسعار التذاكر دون تغيير
"""
RECIPE = """Home
Recipes
Contact

Lentil Soup for a Cold Evening

- 200 g red lentils, rinsed
- 1 onion, chopped finely
- 2 carrots, diced small
- 1 litre of vegetable stock
- a pinch of cumin and salt

1. Soften the onion and carrots in a little oil for five minutes.
2. Add the lentils, the stock and the cumin, then bring to the boil.
3. Simmer for twenty minutes until the lentils fall apart.
4. Blend half of the soup and stir it back in before serving.

Share
Print
"""
MENUS_ONLY = """Home
News
Sport
Weather
Contact us
About
Login
Subscribe
Privacy
Terms
"""

CHINESE_PROSE = [line for line in CHINESE.split("\n") if len(line) > 25]
THAI_PROSE = [line for line in THAI.split("\n") if len(line) > 60]
ARABIC_PROSE = [line for line in ARABIC.split("\n") if len(line) > 80]
RECIPE_STEPS = [line for line in RECIPE.split("\n") if line[:1].isdigit() or line[:2] == "- "]


def _paragraph(n: int) -> str:
    return (
        f"The ferry committee met for the {n}th time on Monday and agreed, after a long and "
        "sometimes heated debate, that the plan would go ahead in spring with a smaller "
        "budget than first proposed."
    )


INTERRUPTED_PROSE = [_paragraph(n) for n in range(5)]
# An article whose paragraphs are each followed by a run of tag links: today's cleaner
# keeps one paragraph of five and warns that the result is short.
INTERRUPTED = "Ferry plan\n\n" + "\n\n".join(
    paragraph + "\n\n" + "\n".join(f"Tag {n}{k}" for k in range(12))
    for n, paragraph in enumerate(INTERRUPTED_PROSE)
)
