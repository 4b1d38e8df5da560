//! Messages of `output`: where a build may write, and what went wrong
//! writing it, in English and Chinese.

use crate::i18n::catalogue_entries;

catalogue_entries! {
    /// Action: making the folder a new build is written into.
    action_create_output_folder() {
        en: "create the output folder",
        zh: "创建输出文件夹",
    }
    /// Action: checking a copied file once it is in the new output.
    action_check_copy(to) {
        en: "check the copy of this file at {to}",
        zh: "检查这个文件复制到“{to}”后的副本",
    }
    /// A static file stands where the site needs a folder.
    file_where_folder_needed(to) {
        en: "this file stands where the site needs the folder `{to}/`",
        zh: "这个文件占了网站需要的文件夹“{to}/”的位置",
    }
    /// Hint: rename or remove a file.
    rename_or_remove(path) {
        en: "rename or remove {path}",
        zh: "请给“{path}”改名，或者把它移走",
    }
    /// Action: making the folder a copied file goes in.
    action_make_folder_for(to) {
        en: "make the folder for {to} (a file may stand in its way)",
        zh: "为“{to}”创建文件夹（可能有同名的文件挡住了）",
    }
    /// Action: copying a file into the output.
    action_copy() {
        en: "copy",
        zh: "复制这个文件",
    }
    /// Action: making a folder inside the output.
    action_create_folder_in_output() {
        en: "create a folder in the output",
        zh: "在输出文件夹里创建文件夹",
    }
    /// Action: writing a generated file.
    action_write() {
        en: "write",
        zh: "写入这个文件",
    }
    /// The output folder would contain the site's own folder.
    output_contains_site(output) {
        en: "the output directory {output} contains the site itself",
        zh: "输出文件夹“{output}”包含了站点本身",
    }
    /// Hint under [`output_contains_site`].
    output_contains_site_hint() {
        en: "choose a folder of its own for the output, e.g. --output public",
        zh: "请为输出另选一个单独的文件夹，例如 --output public",
    }
    /// The output folder is inside one of the site's source folders.
    output_inside_source(output, source) {
        en: "the output directory {output} is inside {source}/",
        zh: "输出文件夹“{output}”位于源文件夹“{source}/”之内",
    }
    /// Hint under [`output_inside_source`].
    output_inside_source_hint() {
        en: "choose a folder outside the site's sources, e.g. --output public",
        zh: "请选择站点源文件以外的文件夹，例如 --output public",
    }
    /// A folder beside the output that redvest needs is taken by something else.
    in_the_way(path) {
        en: "{path} is in the way and was not made by redvest",
        zh: "“{path}”挡住了要用的位置，而且它不是 redvest 生成的",
    }
    /// Hint under [`in_the_way`].
    in_the_way_hint() {
        en: "move it away, then build again",
        zh: "请把它移到别处，然后重新生成",
    }
    /// Hint under a failure to write into the staging folder kept in the
    /// cache folder (the output before last).
    kept_staging_hint(path) {
        en: "{path} is the output before last, kept to make rebuilds faster; delete that folder, then build again",
        zh: "“{path}”是为加快重新生成而保留的上上次输出，可以直接删除；删除后重新生成即可",
    }
    /// A file stands where a folder above the output should be.
    parent_is_file(file, output) {
        en: "{file} is a file, so {output} cannot be made",
        zh: "“{file}”是一个文件，所以无法创建“{output}”",
    }
    /// Hint under [`parent_is_file`].
    parent_is_file_hint() {
        en: "choose an --output inside a folder",
        zh: "请用 --output 指定某个文件夹里的位置",
    }
    /// The output path is a file.
    output_not_a_folder(output) {
        en: "{output} exists and is not a directory",
        zh: "“{output}”已经存在，但它不是文件夹",
    }
    /// Hint under [`output_not_a_folder`].
    output_not_a_folder_hint() {
        en: "remove the file or choose another --output",
        zh: "请删除这个文件，或者用 --output 另选一个位置",
    }
    /// The output folder holds files redvest did not write.
    output_not_ours(output) {
        en: "{output} is not empty and was not made by redvest",
        zh: "“{output}”不是空文件夹，也不是 redvest 生成的",
    }
    /// Hint under [`output_not_ours`].
    output_not_ours_hint() {
        en: "redvest replaces its output whole: choose another --output, or pass --force to replace this folder",
        zh: "redvest 每次都会整个替换输出文件夹：请用 --output 另选一个位置；如果确认这个文件夹可以被替换，请加上 --force",
    }
    /// A static folder could not be walked.
    folder_unreadable(err) {
        en: "could not read this folder: {err}",
        zh: "无法读取这个文件夹：{err}",
    }
    /// A path would lead out of the output folder.
    outside_output() {
        en: "refusing to write outside the output directory",
        zh: "拒绝写到输出文件夹以外的地方",
    }
    /// Hint under [`outside_output`].
    outside_output_hint() {
        en: "give the file a plain path inside the site: no `..`, no leading `/`",
        zh: "请给这个文件一个站点内的普通路径：不要包含“..”，也不要以“/”开头",
    }
    /// A read-only folder in the old output.
    read_only(path, output) {
        en: "{path} is read-only, so the old site in {output} cannot be replaced",
        zh: "“{path}”是只读的，所以无法替换“{output}”里的旧网站",
    }
    /// Hint under [`read_only`].
    read_only_hint() {
        en: "make the output writable (chmod -R u+w), or choose another --output",
        zh: "请让输出文件夹可以写入（chmod -R u+w），或者用 --output 另选一个位置",
    }
    /// Action: making the folder the output lives in.
    action_create_output_parent() {
        en: "create the output's folder",
        zh: "创建输出文件夹所在的文件夹",
    }
    /// Another build holds the output's lock.
    waiting_for_other_build(output) {
        en: "another build is writing {output}; waiting for it to finish",
        zh: "另一次生成正在写入“{output}”，等它完成后再继续……",
    }
    /// Action: waiting for the lock.
    action_wait_lock() {
        en: "wait for the build lock",
        zh: "等待生成锁",
    }
    /// Action: taking the lock.
    action_take_lock() {
        en: "take the build lock",
        zh: "获取生成锁",
    }
    /// The output path has no usable folder name.
    unusable_output(output) {
        en: "cannot use {output} as the output directory",
        zh: "不能把“{output}”用作输出文件夹",
    }
    /// Hint under [`unusable_output`].
    unusable_output_hint() {
        en: "name a folder, e.g. --output public",
        zh: "请指定一个文件夹，例如 --output public",
    }
    /// Action: removing a folder an earlier build left beside the output.
    action_remove_old_build_folder() {
        en: "remove an old build folder",
        zh: "删除上次生成留下的临时文件夹",
    }
    /// Action: putting the new output in place.
    action_move_new_site() {
        en: "move the new site into place",
        zh: "把新生成的网站放到位",
    }
    /// Action: moving the old output aside.
    action_move_old_site_aside() {
        en: "move the old site aside",
        zh: "把旧网站移到一旁",
    }
    /// Action: removing the old output after the swap.
    action_remove_old_site() {
        en: "remove the old site",
        zh: "删除旧网站",
    }

    // output safety
    /// A source folder (through a link, perhaps) is inside the output.
    output_holds_source(output, source) {
        en: "the output directory {output} holds the site's {source}/ folder",
        zh: "输出文件夹“{output}”里包含了站点的源文件夹“{source}/”",
    }
    /// Action: putting back an old output a killed build had moved aside.
    action_move_old_site_back() {
        en: "put back the site a stopped build had moved aside",
        zh: "把上次中断的生成移到一旁的旧网站放回原处",
    }
    /// Action: reading the old output for the user's own entries.
    action_read_old_site() {
        en: "read the old site for the files you keep in it",
        zh: "在旧网站中查找您自己放入的文件",
    }
    /// Action: moving a dot-entry of the user's into the new output.
    action_keep_users_entry() {
        en: "move it into the new site (it is kept, not deleted)",
        zh: "把它移入新生成的网站（它会被保留，不会删除）",
    }
    /// Action: opening the output's parent folder to lock it.
    action_open_lock_folder() {
        en: "open the folder to take the build lock",
        zh: "打开文件夹以获取生成锁",
    }
    /// A dot-entry of the user's in the old output is also in the new one.
    kept_entry_in_the_way(entry, target) {
        en: "cannot keep {entry}: the new site already has {target}",
        zh: "无法保留“{entry}”：新生成的网站里已经有“{target}”",
    }
    /// Hint under [`kept_entry_in_the_way`].
    kept_entry_in_the_way_hint(entry) {
        en: "nothing was deleted; move {entry} somewhere safe by hand, then build again",
        zh: "没有删除任何文件；请先手动把“{entry}”移到安全的位置，再重新生成",
    }
    /// Action: recording the build's stamp in the site's cache folder.
    action_record_stamp() {
        en: "record which files this build read (so an unchanged site is not built again)",
        zh: "记录这次生成读取了哪些文件（用来跳过没有改动的生成）",
    }
    /// Hint under a stamp that could not be recorded.
    stamp_not_recorded_hint() {
        en: "the site was published all the same; the next build will build everything again. Check that the site folder can be written to",
        zh: "网站已经照常生成；只是下次生成会全部重新生成一遍。请检查网站文件夹是否可以写入",
    }
}
