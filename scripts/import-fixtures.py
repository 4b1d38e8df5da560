#!/usr/bin/env python3
"""Writes the fixtures of `redvest import`'s tests into tests/fixtures/import/:
a GBK and a Big5 text file, a saved WeChat article page and a saved CMS page
(each with its picture in a `_files/` folder beside it), and a real Word file
(WordprocessingML written with zipfile) with a title, headings, a numbered and
a bulleted list, a table and a picture with its caption.

Run from the repository's root: python3 scripts/import-fixtures.py
The seeds (the three .txt articles) are copied from the shared seeds as they are.
"""

import os
import struct
import zipfile
import zlib

OUT = os.path.join("tests", "fixtures", "import")


def png(width, height, rgb):
    """A real PNG of one colour."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    row = b"\x00" + bytes(rgb) * width
    raw = row * height
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def write(rel, data):
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


GBK_TEXT = """东湖社区开展“学雷锋”义诊活动
发布时间：2023年3月5日  来源：县文明办
3月5日上午，东湖社区新时代文明实践站组织志愿者开展“学雷锋”义诊活动。
活动共开展义诊服务12次，参与志愿者80人次，服务时长160小时。
社区居民纷纷表示，志愿者的服务贴心又周到。
"""

BIG5_TEXT = """乾安縣志願服務聯合會召開換屆大會
記者 王曉明
2022年12月8日，乾安縣志願服務聯合會召開第二次會員代表大會。
大會選舉產生了新一屆理事會，並表彰了一批優秀志願者。
"""

WECHAT = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>东湖社区：志愿服务进万家</title>
<meta property="og:title" content="东湖社区：志愿服务进万家">
<script>var ct = "1678000000";</script></head>
<body>
<div id="page-content" class="rich_media_area_primary">
<h1 class="rich_media_title" id="activity-name">
  东湖社区：志愿服务进万家
</h1>
<div id="meta_content" class="rich_media_meta_list">
  <span class="rich_media_meta rich_media_meta_text">原创</span>
  <a class="rich_media_meta_link" id="js_name">  东湖发布  </a>
  <em id="publish_time" class="rich_media_meta rich_media_meta_text">2023-03-05 18:30</em>
</div>
<div class="rich_media_content" id="js_content" style="visibility: hidden;">
  <section><span style="color:#888">点击上方蓝字关注我们</span></section>
  <p><span>hello~</span></p>
  <p><span>大家好</span></p>
  <section><p>全文共1200字，阅读大约需要4分钟</p></section>
  <p>3月5日，东湖社区志愿服务队走进辖区独居老人家中，
     为老人们打扫卫生、测量血压。</p>
  <p><strong>暖心服务</strong></p>
  <p><strong>温暖老人</strong></p>
  <p>志愿者们分成四个小组，逐户走访，共服务老人60余人次。</p>
  <p style="text-align:center"><img class="rich_pages wxw-img" data-src="wechat-post_files/640.png" src="data:image/svg+xml,%3Csvg%3E%3C/svg%3E" data-type="png"></p>
  <p style="text-align:center"><span style="font-size:12px">▲志愿者为老人测量血压</span></p>
  <p>“有了志愿者，我们心里踏实多了！”独居老人李大爷说。</p>
  <p>Bye~</p>
  <p>长按识别二维码，关注东湖发布</p>
</div>
<div id="js_pc_qr_code"><p>微信扫一扫<br>关注该公众号</p></div>
<div class="rich_media_tool"><a id="js_view_source">阅读原文</a><span>阅读 2301</span></div>
</div>
</body></html>
"""

CMS = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>岭东区开展文明交通志愿服务活动 - 岭东区人民政府</title></head>
<body>
<div class="header"><div class="logo">岭东区人民政府</div>
  <ul class="nav"><li><a href="/">网站首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zyfw/">志愿服务</a></li></ul>
</div>
<div class="location">当前位置：首页 &gt; 志愿服务 &gt; 工作动态</div>
<div class="article">
  <h1>岭东区开展文明交通志愿服务活动</h1>
  <div class="info">来源：岭东区文明办　发布时间：2023-04-12 09:30　责任编辑：张丽　【字号 大 中 小】【打印】【关闭】</div>
  <div class="TRS_Editor" id="zoom">
    <p>为深入推进文明城市创建，4月11日，岭东区组织志愿者在主要路口开展文明交通志愿服务活动。</p>
    <p>一、活动安排</p>
    <p>志愿者分成8个小组，在早晚高峰时段疏导交通、劝导不文明行为。</p>
    <p>二、活动成效</p>
    <p>活动共开展劝导服务30次，参与志愿者240人次，服务时长480小时。</p>
    <p style="text-align:center"><img src="cms-page_files/photo.png" alt="志愿者在路口疏导交通"></p>
    <p>下一步，岭东区将把文明交通志愿服务常态化开展下去。</p>
  </div>
  <div class="share">分享到：微信 微博 QQ空间</div>
  <div class="comment">我来说两句</div>
</div>
<div class="footer">
  <p>主办单位：岭东区人民政府办公室　网站标识码：2305020001</p>
  <p>黑ICP备00000000号-1　黑公网安备00000000000000号</p>
  <p>版权所有：岭东区人民政府</p>
</div>
</body></html>
"""

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' \
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ' \
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' \
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'


def para(text, style=None, num=None):
    ppr = ""
    if style or num:
        ppr = "<w:pPr>"
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if num:
            ppr += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>'
        ppr += "</w:pPr>"
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def picture(rid, descr):
    return ('<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing><wp:inline>'
            '<wp:extent cx="952500" cy="635000"/>'
            f'<wp:docPr id="1" name="图片 1" descr="{descr}"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:blipFill><a:blip r:embed="{rid}"/></pic:blipFill></pic:pic>'
            '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')


def table(rows):
    out = "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/></w:tblPr>"
    for row in rows:
        out += "<w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in row) + "</w:tr>"
    return out + "</w:tbl>"


def docx():
    body = "".join([
        para("2023年学雷锋志愿服务月活动总结", "a3"),
        para("发布日期：2023年4月3日"),
        para("通讯员 赵敏"),
        para("3月是学雷锋志愿服务月，全县各级志愿服务组织围绕“雷锋在乾安”主题开展了丰富多彩的活动。"),
        para("活动开展情况", "1"),
        para("全县共开展志愿服务活动320次，参与志愿者5600人次，服务时长12000小时。"),
        para("主要做法", "2"),
        para("深入社区开展便民服务", None, "1"),
        para("走进乡村开展助农活动", None, "1"),
        para("到敬老院开展敬老活动", None, "1"),
        para("活动亮点", "1"),
        para("志愿服务进学校", None, "2"),
        para("志愿服务进企业 &amp; 工地", None, "2"),
        table([["项目", "次数", "参与人数"], ["便民服务", "120", "2100"], ["助农活动", "80", "1500"]]),
        picture("rId10", ""),
        para("志愿者在敬老院为老人理发", "a5"),
        para("下一步，我们将推动学雷锋志愿服务常态化。"),
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>',
    ])
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>{body}</w:body></w:document>'
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="caption"/></w:style>'
              '</w:styles>')
    numbering = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                 '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
                 '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
                 '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
                 '</w:numbering>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
            '<Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/>'
            '</Relationships>')
    root_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                 '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
                 '</Relationships>')
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Default Extension="png" ContentType="image/png"/>'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
             '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
             '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
             '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
             '</Types>')
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:creator>县文明办</dc:creator>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2023-04-02T08:00:00Z</dcterms:created>'
            '</cp:coreProperties>')
    path = os.path.join(OUT, "volunteer-month-summary.docx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [("[Content_Types].xml", types), ("_rels/.rels", root_rels),
                           ("word/document.xml", document), ("word/styles.xml", styles),
                           ("word/numbering.xml", numbering), ("word/_rels/document.xml.rels", rels),
                           ("docProps/core.xml", core)]:
            info = zipfile.ZipInfo(name, date_time=(2023, 4, 2, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
        info = zipfile.ZipInfo("word/media/image1.png", date_time=(2023, 4, 2, 8, 0, 0))
        z.writestr(info, png(4, 3, (200, 30, 30)))


def main():
    write("gbk/donghu-clinic.txt", GBK_TEXT.encode("gbk"))
    write("big5/qianan-congress.txt", BIG5_TEXT.encode("big5"))
    write("wechat/wechat-post.html", WECHAT)
    write("wechat/wechat-post_files/640.png", png(6, 4, (30, 120, 200)))
    write("cms/cms-page.html", CMS)
    write("cms/cms-page_files/photo.png", png(5, 5, (30, 200, 60)))
    docx()


if __name__ == "__main__":
    main()
