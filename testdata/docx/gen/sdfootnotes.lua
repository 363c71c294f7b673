-- sdfootnotes.lua: make pandoc's docx look like the LibreOffice one from the
-- same HTML (testdata/docx/gen/be2html.py):
--
-- 1. LibreOffice-style HTML footnotes become real footnotes.  pandoc's HTML reader keeps
--   <a class="sdfootnoteanc" href="#sdfootnoteNsym"><sup>N</sup></a>
-- as a link and
--   <div id="sdfootnoteN"><p><a class="sdfootnotesym" ...>N</a>text</p></div>
-- as a div; this filter removes the divs, drops their "N" back-links and puts
-- their blocks as a Note where the anchor was.
-- 2. Column widths come from the header cells' width="N%" attributes (pandoc
--    reads widths only from <col>, which LibreOffice mishandles).
--    The cells of a table wider than three columns (Table 5) get the
--    paragraph style "Table Small" (7.5 pt, in the reference document).
-- 3. A heading with style="page-break-before: always" starts a new page.
-- 4. The HTML <title> is not written again as a "Title" paragraph: the
--    document has its own <h1>.
--
--   pandoc -f html -t docx --lua-filter sdfootnotes.lua BE.html -o BE.docx

local notes = {}

local function has_class(el, name)
  for _, c in ipairs(el.classes) do
    if c == name then return true end
  end
  return false
end

-- pass 1: collect and remove the footnote bodies
local function collect(div)
  local n = div.identifier:match("^sdfootnote(%d+)$")
  if not n then return nil end
  local blocks = div.content
  -- drop the leading back-link "N" in the first paragraph
  local first = blocks[1]
  if first and (first.t == "Para" or first.t == "Plain") then
    local inl = first.content
    if inl[1] and inl[1].t == "Link" and has_class(inl[1], "sdfootnotesym") then
      inl:remove(1)
      while inl[1] and inl[1].t == "Space" do inl:remove(1) end
    end
  end
  notes[n] = blocks
  return {}
end

-- pass 2: anchors become notes
local function anchor(link)
  if not has_class(link, "sdfootnoteanc") then return nil end
  local n = link.target:match("#sdfootnote(%d+)sym$")
  if not n or not notes[n] then
    io.stderr:write("sdfootnotes.lua: no footnote body for " .. link.target .. "\n")
    return nil
  end
  return pandoc.Note(notes[n])
end

local function widths(tbl)
  local head = tbl.head.rows[1]
  if not head then return nil end
  for i, cell in ipairs(head.cells) do
    local w = cell.attr.attributes["width"]
    local pct = w and tonumber(w:match("^([%d.]+)%%$"))
    if pct and tbl.colspecs[i] then
      tbl.colspecs[i] = { tbl.colspecs[i][1], pct / 100 }
    end
  end
  if #tbl.colspecs > 3 then
    local function small(rows)
      for _, row in ipairs(rows) do
        for _, cell in ipairs(row.cells) do
          -- pandoc writes a Plain in a cell as "Compact" whatever the Div says
          local blocks = cell.contents:map(function(b)
            if b.t == "Plain" then return pandoc.Para(b.content) end
            return b
          end)
          cell.contents = { pandoc.Div(blocks, { ["custom-style"] = "Table Small" }) }
        end
      end
    end
    small(tbl.head.rows)
    for _, body in ipairs(tbl.bodies) do small(body.body) end
  end
  return tbl
end

local function page_break(h)
  local style = h.attributes["style"] or ""
  if style:match("page%-break%-before:%s*always") then
    return { pandoc.RawBlock("openxml", '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'), h }
  end
  return nil
end

return {
  { Div = collect },
  { Link = anchor, Table = widths, Header = page_break,
    Meta = function(m) m.title = nil; return m end },
}
