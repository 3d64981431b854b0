/**
 * Our replacements for epub-gen-memory's EJS templates (its `contentOPF`, `tocXHTML`, `tocNCX` and
 * `chapterXHTML` options). Its own hard-code the rights and `xml:lang="en"`, write a flat TOC and no
 * landmarks, accessibility metadata or cover-image, and its chapter pipeline drops attributes
 * (`data-*`, `start`…). These print a PackageModel (see package.ts) and bodies we serialize ourselves.
 * epub-gen-memory renders them with `ejs.render(template, data)`: the package templates get its
 * options (ours carry `pkg`), the chapter template gets `lang` and the chapter object.
 */

const XHTML_HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"
  xml:lang="<%= lang %>" lang="<%= lang %>" dir="<%= dir %>">
<head>
  <meta charset="UTF-8"/>
  <title><%= title %></title>
  <link rel="stylesheet" type="text/css" href="style.css"/>
</head>
`;

export const chapterXHTML = `${XHTML_HEAD}<body<% if (bodyClass) { %> class="<%= bodyClass %>"<% } %>>
<%- body %>
</body>
</html>
`;

export const contentOPF = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="<%= pkg.meta.lang %>">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="pub-id"><%= pkg.meta.identifier %></dc:identifier>
    <dc:title id="title"><%= pkg.meta.title %></dc:title>
    <meta refines="#title" property="title-type">main</meta>
<%_ if (pkg.meta.subtitle) { _%>
    <dc:title id="subtitle"><%= pkg.meta.subtitle %></dc:title>
    <meta refines="#subtitle" property="title-type">subtitle</meta>
<%_ } _%>
<%_ pkg.meta.authors.forEach(function (name, i) { _%>
    <dc:creator id="creator-<%= i + 1 %>"><%= name %></dc:creator>
    <meta refines="#creator-<%= i + 1 %>" property="role" scheme="marc:relators">aut</meta>
<%_   if (i === 0 && pkg.meta.authorFileAs) { _%>
    <meta refines="#creator-1" property="file-as"><%= pkg.meta.authorFileAs %></meta>
<%_   } _%>
<%_ }) _%>
    <dc:language><%= pkg.meta.lang %></dc:language>
<%_ if (pkg.meta.date) { _%>
    <dc:date><%= pkg.meta.date %></dc:date>
<%_ } _%>
<%_ if (pkg.meta.publisher) { _%>
    <dc:publisher><%= pkg.meta.publisher %></dc:publisher>
<%_ } _%>
<%_ if (pkg.meta.description) { _%>
    <dc:description><%= pkg.meta.description %></dc:description>
<%_ } _%>
    <dc:rights><%= pkg.meta.rights %></dc:rights>
<%_ pkg.meta.keywords.forEach(function (keyword) { _%>
    <dc:subject><%= keyword %></dc:subject>
<%_ }) _%>
<%_ if (pkg.meta.source) { _%>
    <dc:source><%= pkg.meta.source %></dc:source>
<%_ } _%>
<%_ if (pkg.printSource) { _%>
    <dc:source id="print-source"><%= pkg.printSource %></dc:source>
    <meta refines="#print-source" property="source-of">pagination</meta>
<%_ } _%>
    <meta property="dcterms:modified"><%= pkg.modified %></meta>
    <meta name="cover" content="cover-image"/>
<%_ pkg.accessibility.accessModes.forEach(function (mode) { _%>
    <meta property="schema:accessMode"><%= mode %></meta>
<%_ }) _%>
<%_ pkg.accessibility.accessModesSufficient.forEach(function (modes) { _%>
    <meta property="schema:accessModeSufficient"><%= modes %></meta>
<%_ }) _%>
<%_ pkg.accessibility.features.forEach(function (feature) { _%>
    <meta property="schema:accessibilityFeature"><%= feature %></meta>
<%_ }) _%>
    <meta property="schema:accessibilityHazard">none</meta>
    <meta property="schema:accessibilitySummary"
      <%- /^en\\b/i.test(pkg.meta.lang) ? '' : 'xml:lang="en"' %>><%= pkg.accessibility.summary %></meta>
  </metadata>
  <manifest>
<%_ pkg.manifest.forEach(function (item) { _%>
    <item id="<%= item.id %>" href="<%= item.href %>" media-type="<%= item.mediaType %>"
      <% if (item.properties) { %>properties="<%= item.properties %>"<% } %>/>
<%_ }) _%>
  </manifest>
  <spine toc="ncx"<% if (pkg.meta.dir === 'rtl') { %> page-progression-direction="rtl"<% } %>>
<%_ pkg.spine.forEach(function (idref) { _%>
    <itemref idref="<%= idref %>"/>
<%_ }) _%>
  </spine>
  <guide>
<%_ pkg.guide.forEach(function (ref) { _%>
    <reference type="<%= ref.type %>" title="<%= ref.title %>" href="<%= ref.href %>"/>
<%_ }) _%>
  </guide>
</package>
`;

export const tocXHTML = `${XHTML_HEAD.replace('<%= title %>', '<%= pkg.labels.contents %>')}<body class="nav-document">
<%_ function list(items) { _%>
<ol>
<%_   items.forEach(function (item) { _%>
<li><a href="<%= item.href %>"><%= item.label %></a>
<%_     if (item.children.length) list(item.children); _%>
</li>
<%_   }) _%>
</ol>
<%_ } _%>
<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">
<h1 id="toc-title"><%= pkg.labels.contents %></h1>
<%_ list(pkg.toc); _%>
</nav>
<nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-title" hidden="hidden">
<h2 id="landmarks-title"><%= pkg.labels.landmarks %></h2>
<ol>
<%_ pkg.landmarks.forEach(function (landmark) { _%>
<li><a epub:type="<%= landmark.type %>" href="<%= landmark.href %>"><%= landmark.label %></a></li>
<%_ }) _%>
</ol>
</nav>
<%_ if (pkg.pages.length) { _%>
<nav epub:type="page-list" role="doc-pagelist" id="page-list" aria-labelledby="page-list-title" hidden="hidden">
<h2 id="page-list-title"><%= pkg.labels.pages %></h2>
<ol>
<%_   pkg.pages.forEach(function (page) { _%>
<li><a href="<%= page.href %>"><%= page.label %></a></li>
<%_   }) _%>
</ol>
</nav>
<%_ } _%>
</body>
</html>
`;

export const tocNCX = `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="<%= pkg.meta.lang %>">
  <head>
    <meta name="dtb:uid" content="<%= pkg.meta.identifier %>"/>
    <meta name="dtb:depth" content="<%= pkg.tocDepth %>"/>
    <meta name="dtb:totalPageCount" content="0"/>
    <meta name="dtb:maxPageNumber" content="0"/>
  </head>
  <docTitle><text><%= pkg.meta.title %></text></docTitle>
<%_ pkg.meta.authors.forEach(function (name) { _%>
  <docAuthor><text><%= name %></text></docAuthor>
<%_ }) _%>
<%_ var playOrder = 0; _%>
<%_ function points(items) { _%>
<%_   items.forEach(function (item) { playOrder++; _%>
<navPoint id="navpoint-<%= playOrder %>" playOrder="<%= playOrder %>">
<navLabel><text><%= item.label %></text></navLabel><content src="<%= item.href %>"/>
<%_     points(item.children); _%>
</navPoint>
<%_   }) _%>
<%_ } _%>
  <navMap>
<%_ points(pkg.toc); _%>
  </navMap>
</ncx>
`;
