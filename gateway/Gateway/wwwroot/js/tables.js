// Tables marked .table-stack become one card per row on phones (CSS); each cell then shows its column's
// name, copied here from the header row into data-label.

export function labelStackedTables(root = document) {
  for (const table of root.querySelectorAll('table.table-stack')) {
    const names = Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent.trim());
    for (const row of table.querySelectorAll('tbody tr')) {
      Array.from(row.children).forEach((cell, index) => {
        if (names[index]) {
          cell.dataset.label = names[index];
        }
      });
    }
  }
}
