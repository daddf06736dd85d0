/*
** plan/xlsx.c: the dashboard as a workbook, with libxlsxwriter.
**
** libxlsxwriter 1.1.4 writes to a file only: the workbook goes to a
** private temporary file (mkstemp), is read back into pOut and removed.
** Money cells are numbers in euros with a euro format, so officials can
** sum and chart them in their spreadsheet.
*/
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "plan/plan.h"

/* Fill the three sheets; returns the workbook_close() status. */
static lxw_error xlsx_write(const char *zPath, const PlanSummary *p,
                            const char *zTerritory)
{
  lxw_workbook *wb = workbook_new(zPath);
  if (!wb) return LXW_ERROR_CREATING_TMPFILE;
  lxw_format *fBold = workbook_add_format(wb);
  format_set_bold(fBold);
  lxw_format *fEur = workbook_add_format(wb);
  format_set_num_format(fEur, "#,##0.00 \"€\"");
  lxw_format *fTitle = workbook_add_format(wb);
  format_set_bold(fTitle);
  format_set_font_size(fTitle, 14);

  lxw_worksheet *ws = workbook_add_worksheet(wb, "Synthèse");
  worksheet_set_column(ws, 0, 0, 42, NULL);
  worksheet_set_column(ws, 1, 1, 18, NULL);
  worksheet_write_string(ws, 0, 0, "Plan santé du territoire", fTitle);
  worksheet_write_string(ws, 1, 0, zTerritory, NULL);
  worksheet_write_string(ws, 3, 0, "Budget total", fBold);
  worksheet_write_number(ws, 3, 1, (double)p->budgetCents / 100, fEur);
  worksheet_write_string(ws, 4, 0, "Dépenses enregistrées", fBold);
  worksheet_write_number(ws, 4, 1, (double)p->spentCents / 100, fEur);
  int row = 5;
  for (int i = 0; i < PLAN_N_OUTPUT; i++, row++) {
    worksheet_write_string(ws, row, 0, plan_output_codes[i].zLabel, fBold);
    worksheet_write_number(ws, row, 1, (double)p->aOutput[i], NULL);
  }
  worksheet_write_string(ws, row, 0, "Coût par médecin installé", fBold);
  double c = plan_cost_per_doctor(p->spentCents, p->aOutput[0]);
  if (c == c) {
    worksheet_write_number(ws, row, 1, c, fEur);
  } else {
    worksheet_write_string(ws, row, 1, "aucun médecin installé", NULL);
  }
  worksheet_write_string(ws, row + 2, 0, "Dépenses : saisies manuelles de "
                         "l'équipe (les paiements des autres modules ne sont "
                         "pas encore repris).", NULL);

  ws = workbook_add_worksheet(wb, "Actions");
  static const char *const azHead[] = {"Action", "Objectif", "Budget (€)",
                                       "Dépensé (€)"};
  worksheet_set_column(ws, 0, 1, 36, NULL);
  worksheet_set_column(ws, 2, 3 + PLAN_N_OUTPUT + 1, 16, NULL);
  for (int j = 0; j < 4; j++) worksheet_write_string(ws, 0, j, azHead[j], fBold);
  for (int i = 0; i < PLAN_N_OUTPUT; i++) {
    worksheet_write_string(ws, 0, 4 + i, plan_output_codes[i].zLabel, fBold);
  }
  worksheet_write_string(ws, 0, 4 + PLAN_N_OUTPUT, "Coût par médecin "
                         "installé (€)", fBold);
  for (int k = 0; k < p->nAction; k++) {
    const PlanAction *a = &p->aAction[k];
    worksheet_write_string(ws, k + 1, 0, a->zName, NULL);
    worksheet_write_string(ws, k + 1, 1, a->zObjective, NULL);
    worksheet_write_number(ws, k + 1, 2, (double)a->budgetCents / 100, fEur);
    worksheet_write_number(ws, k + 1, 3, (double)a->spentCents / 100, fEur);
    for (int i = 0; i < PLAN_N_OUTPUT; i++) {
      worksheet_write_number(ws, k + 1, 4 + i, (double)a->aOutput[i], NULL);
    }
    double ca = plan_cost_per_doctor(a->spentCents, a->aOutput[0]);
    if (ca == ca) {
      worksheet_write_number(ws, k + 1, 4 + PLAN_N_OUTPUT, ca, fEur);
    }
  }

  ws = workbook_add_worksheet(wb, "Années");
  worksheet_set_column(ws, 0, 2 + PLAN_N_OUTPUT, 16, NULL);
  worksheet_write_string(ws, 0, 0, "Année", fBold);
  worksheet_write_string(ws, 0, 1, "Budget (€)", fBold);
  worksheet_write_string(ws, 0, 2, "Dépensé (€)", fBold);
  for (int i = 0; i < PLAN_N_OUTPUT; i++) {
    worksheet_write_string(ws, 0, 3 + i, plan_output_codes[i].zLabel, fBold);
  }
  for (int y = 0; y < p->nYear; y++) {
    worksheet_write_number(ws, y + 1, 0, p->aYear[y].year, NULL);
    worksheet_write_number(ws, y + 1, 1, (double)p->aYear[y].budgetCents / 100,
                           fEur);
    worksheet_write_number(ws, y + 1, 2, (double)p->aYear[y].spentCents / 100,
                           fEur);
    for (int i = 0; i < PLAN_N_OUTPUT; i++) {
      worksheet_write_number(ws, y + 1, 3 + i, (double)p->aYear[y].aOutput[i],
                             NULL);
    }
  }
  return workbook_close(wb);
}

int plan_xlsx(const PlanSummary *p, const char *zTerritory, Str *pOut,
              Err *err)
{
  const char *zDir = getenv("TMPDIR");
  char zPath[512];
  snprintf(zPath, sizeof zPath, "%s/oasis-plan-XXXXXX",
           zDir && zDir[0] ? zDir : "/tmp");
  int fd = mkstemp(zPath);
  if (fd < 0) return err_set(err, ERR_IO, "fichier temporaire impossible");
  close(fd);
  int rc = 0;
  if (xlsx_write(zPath, p, zTerritory) != LXW_NO_ERROR) {
    rc = err_set(err, ERR_IO, "écriture du classeur impossible");
    goto done;
  }
  FILE *f = fopen(zPath, "rb");
  if (!f) {
    rc = err_set(err, ERR_IO, "lecture du classeur impossible");
    goto done;
  }
  char aBuf[8192];
  size_t n;
  while ((n = fread(aBuf, 1, sizeof aBuf, f)) > 0) str_append(pOut, aBuf, n);
  if (ferror(f)) rc = err_set(err, ERR_IO, "lecture du classeur impossible");
  fclose(f);
done:
  unlink(zPath);
  return rc;
}
