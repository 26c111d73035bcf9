// The baseline: exceljs alone reading a workbook (what the CLI cannot avoid paying).
const ExcelJS = require('exceljs');
const wb = new ExcelJS.Workbook();
wb.xlsx.readFile(process.argv[2]).then(() => {
  let cells = 0;
  wb.eachSheet((ws) => ws.eachRow((row) => (cells += row.cellCount)));
  process.stdout.write(`${cells}\n`);
});
