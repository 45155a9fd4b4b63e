package edit

// The editor's own texts, in Vietnamese and English: the tool's user
// interface, not the site's (whose texts are its layouts' strings).
var uiTexts = map[string][2]string{
	"title":          {"Soạn báo cáo tháng", "Edit the monthly report"},
	"loading":        {"Đang tải…", "Loading…"},
	"noscript":       {"Trình soạn báo cáo cần JavaScript. Có thể sửa trực tiếp tệp data/reports/YYYY-MM.toml (xem README).", "The editor needs JavaScript. You can edit data/reports/YYYY-MM.toml by hand instead (see the README)."},
	"month":          {"Tháng", "Month"},
	"newFile":        {"chưa có tệp", "no file yet"},
	"releasedMark":   {"đã phát hành", "released"},
	"back":           {"Về trang xem trước", "Back to the preview"},
	"published":      {"Ngày tổng hợp báo cáo (published)", "Date the report was compiled (published)"},
	"publishedHelp":  {"Để trống nếu báo cáo chưa xong: tháng chưa được tính lên trang.", "Leave empty while the report is not complete: the month does not count yet."},
	"add":            {"Thêm dòng", "Add a row"},
	"remove":         {"Xóa", "Remove"},
	"removeRow":      {"Xóa dòng", "Remove row"},
	"row":            {"Dòng", "Row"},
	"unit":           {"Đơn vị", "Unit"},
	"unitHelp":       {"Gõ tên (có dấu hoặc không) hoặc mã, rồi chọn trong danh sách.", "Type a name (with or without diacritics) or a code, then pick from the list."},
	"noMatch":        {"Không có đơn vị nào khớp", "No unit matches"},
	"paste":          {"Dán từ bảng tính", "Paste from a spreadsheet"},
	"pasteHelp":      {"Chép các dòng trong Excel hoặc LibreOffice (có thể kèm dòng tiêu đề) rồi dán vào đây. Cột được nhận theo tiêu đề hoặc theo thứ tự; đơn vị theo mã hoặc tên.", "Copy rows in Excel or LibreOffice (a heading row is optional) and paste them here. Columns are matched by heading or by position; units by code or by name."},
	"pasteRead":      {"Đọc các dòng", "Read the rows"},
	"pasteAdded":     {"Đã thêm N dòng.", "Added N rows."},
	"pasteRejected":  {"Các dòng sau chưa được thêm:", "These rows were not added:"},
	"pasteLine":      {"dòng", "line"},
	"changes":        {"Thay đổi danh sách", "List changes"},
	"list":           {"Danh sách", "List"},
	"change":         {"Thay đổi", "Change"},
	"added":          {"được công nhận (added)", "added"},
	"removed":        {"mất danh hiệu (removed)", "removed"},
	"date":           {"Ngày", "Date"},
	"note":           {"Ghi chú", "Note"},
	"scores":         {"Điểm chấm", "Scores"},
	"assessments":    {"Đánh giá chỉ tiêu định tính", "Assessments of qualitative targets"},
	"target":         {"Chỉ tiêu", "Target"},
	"status":         {"Đánh giá", "Status"},
	"links":          {"Đường dẫn minh chứng (mỗi dòng một địa chỉ https://)", "Evidence links (one https:// address a line)"},
	"corrections":    {"Đính chính đã khai báo trong báo cáo này", "Corrections declared in this report"},
	"corrMonth":      {"Tháng được sửa", "Month corrected"},
	"what":           {"Sửa gì", "What changed"},
	"why":            {"Vì sao", "Why"},
	"submitted":      {"Báo cáo đúng hạn", "Reported on time"},
	"agencies":       {"Cơ quan", "Agencies"},
	"post":           {"Bài cập nhật của tháng (Markdown)", "The month's update post (Markdown)"},
	"postPreview":    {"Xem trước bài", "Preview the post"},
	"postTitle":      {"Cập nhật tháng MONTH", "Update for MONTH"},
	"save":           {"Lưu", "Save"},
	"saving":         {"Đang lưu…", "Saving…"},
	"saved":          {"Đã lưu. Trang xem trước đang dựng lại.", "Saved. The preview is rebuilding."},
	"invalid":        {"Chưa lưu: sửa các ô tô đỏ.", "Not saved: fix the fields in red."},
	"errorsAbove":    {"Lỗi", "Problems"},
	"conflict":       {"Tệp đã được sửa ở nơi khác từ khi mở trình soạn. Tải lại trang để thấy bản mới (các thay đổi chưa lưu ở đây sẽ mất).", "The file was changed elsewhere since the editor opened it. Reload the page to see it (changes not saved here are lost)."},
	"reload":         {"Tải lại", "Reload"},
	"forbidden":      {"Bị từ chối: tải lại trình soạn.", "Refused: reload the editor."},
	"locked":         {"Không thể sửa tháng này bằng biểu mẫu khi tệp còn những điểm sau; sửa tệp bằng tay trước:", "This month cannot be edited in the form while the file has the following; fix it by hand first:"},
	"dropped":        {"Lưu bằng biểu mẫu sẽ bỏ các chú thích (#) viết tay sau trong tệp:", "Saving with the form drops these comments (#) written by hand in the file:"},
	"released":       {"Tháng này đã phát hành ngày DATE. Sửa số liệu cần ghi rõ việc đính chính:", "This month was released on DATE. Changing its figures needs a correction:"},
	"corrDate":       {"Ngày sửa", "Date of the correction"},
	"needCorrection": {"Số liệu của tháng đã phát hành thay đổi: điền ngày sửa, sửa gì và vì sao.", "The figures of a released month change: fill in the date, what changed and why."},
	"choose":         {"— chọn —", "— choose —"},
	"required":       {"bắt buộc", "required"},
	"none":           {"Chưa có dòng nào.", "No rows yet."},
	"unsaved":        {"Các thay đổi chưa lưu sẽ mất. Vẫn chuyển tháng?", "Changes not saved will be lost. Change the month anyway?"},
	"otherLang":      {"English", "Tiếng Việt"},
}

// texts returns the editor's texts in lang, "vi" or "en".
func texts(lang string) map[string]string {
	i := 0
	if lang == "en" {
		i = 1
	}
	out := make(map[string]string, len(uiTexts))
	for k, v := range uiTexts {
		out[k] = v[i]
	}
	return out
}
