/*
** observatory/pages.h: what the observatory's page files share (each
** handler carries its ROUTE: comment).  Helpers named obsp_* live in
** pages_common.c: the model of the request, breadcrumbs, badges, the
** indicator selector, the sortable table, the map block and exports.
**
** Pages hold no SQL and compute no indicator: figures come from obs.h,
** names and places from territory/lookup.h.
*/
#ifndef OASIS_OBSERVATORY_PAGES_H
#define OASIS_OBSERVATORY_PAGES_H
#include "observatory/obs.h"
#include "territory/lookup.h"
#include "web/web.h"

/* ---- handlers (one file a page) --------------------------------------- */
void obs_page_home(Req *req);          /* pages_home.c */
void obs_page_region(Req *req);
void obs_page_departement(Req *req);
void obs_page_epci(Req *req);
void obs_page_search(Req *req);
void obs_page_commune(Req *req);       /* pages_commune.c */
void obs_page_whatif(Req *req);        /* pages_whatif.c */
void obs_post_whatif(Req *req);
void obs_page_scenarios(Req *req);     /* pages_scenario.c */
void obs_page_scenario(Req *req);
void obs_page_compare(Req *req);
void obs_post_scenario_delete(Req *req);
void obs_page_siting(Req *req);        /* pages_siting.c */

/* ---- the request's model ---------------------------------------------- */

/* The view a drill-down page shows, from its query string. */
typedef struct ObspView ObspView;
struct ObspView {
  ObsKey key;
  ObsIndicator ind;         /* ?indicateur= (apl by default) */
  const char *zSort;        /* ?tri= (column key), "" = by name */
  int isDesc;               /* ?ordre=desc */
  int aVintage[8];          /* vintages in the database, newest first */
  int nVintage;
  ObsModel *m;              /* held; obsp_view_release() */
  ObsModel *pOther;         /* the previous vintage, for "evolution" */
};

/*
** Fill v from ?millesime=, ?indicateur=, ?tri=, ?ordre= and take the
** model (the key of the stored default run, as the JSON API).  Returns 0; or -1 after answering a 400 for a bad parameter
** (named), or 1 when no data was imported yet (v->m NULL, nothing
** answered: the caller says so on its page).
*/
int obsp_view_or_reply(Req *req, ObspView *v);
void obsp_view_release(ObspView *v);
/* "millesime=2023&indicateur=densite&" part of a link keeping the view
** (empty for the defaults); from the request arena. */
const char *obsp_view_query(Req *req, const ObspView *v);

/* "offre=…&tmax=…&decroissance=…&" of the request (the non-default key
** parameters it was given, URL-encoded), "" when none; from the request
** arena.  Links to commune sheets and exports keep them. */
const char *obsp_key_query(Req *req);
/* The same as hidden inputs, for a GET form. */
void obsp_key_hidden(Req *req);

/* ---- fragments -------------------------------------------------------- */

/* <nav class="breadcrumb"> from France down to (level, area index or
** node) in m; the last crumb is the current page. */
void obsp_breadcrumb(Req *req, const ObspView *v, ObsLevel level, int idx);
/* Badge of a class computed from an APL value (ACC_ZONE_*, -1: none):
** always said « indicatif » (text, never colour alone). */
const char *obsp_zone_badge(Req *req, int zone);
/* Badge of a commune's one classification (zoning_of): the official
** class's words, or the indicative class; its full label as title. */
const char *obsp_zone_info_badge(Req *req, const ZoneInfo *z);
/* The commune search form (GET /observatoire/recherche). */
void obsp_search_form(Req *req, const char *zQuery);
/* A French 404 page: h1 zTitle, "zSentence « zCode »." and the search. */
void obsp_not_found(Req *req, const char *zTitle, const char *zSentence,
                    const char *zCode);
/* The "no data yet" alert (with the commands to run). */
void obsp_no_data(Req *req);
/* The indicator and vintage selector (a GET form to zAction). */
void obsp_selector(Req *req, const ObspView *v, const char *zAction);
/* Path of the page of an area, or of a node's sheet (keeping the
** request's millesime and key parameters). */
const char *obsp_area_href(Req *req, const ObsModel *m, int iArea);
const char *obsp_node_href(Req *req, const ObsModel *m, int iNode);
/* Key figures of an area (population, APL, zone shares). */
void obsp_area_stats(Req *req, const ObspView *v, int iArea);

/* One row of a drill-down table (an area or a commune). */
typedef struct ObspRow ObspRow;
struct ObspRow {
  const char *zCode;
  const char *zName;
  const char *zHref;
  double apl;               /* official DREES APL, NaN when none */
  double estimate;          /* estimation oasis */
  double density, share60, pop, change, value;
  int zone;                 /* class index (obs_zone_index), -1 when none */
  const ZoneInfo *pZone;    /* communes: zoning_of(); areas: NULL */
  int nCommune;             /* areas: communes in it; communes: 0 */
  int iClass;               /* legend class of value, -1 when none */
  const char *zTip;         /* map tooltip value; NULL: from value */
};

/* Map legend: classes of the chosen indicator. */
typedef struct ObspLegend ObspLegend;
struct ObspLegend {
  int nClass;
  double aBreak[8];         /* class c is [aBreak[c-1], aBreak[c]) */
  const char *azColor[8];
  const char *azLabel[8];   /* French, from the request arena */
};
/* Classes for indicator ind over aRow (fixed breaks for APL, zone and
** change; quantiles otherwise); sets every aRow[i].iClass. */
void obsp_legend_build(Req *req, const ObspView *v, ObspRow *aRow, int nRow,
                       ObspLegend *pLeg);

/* Rows of the children areas of iArea, or of its communes. */
int obsp_area_rows(Req *req, const ObspView *v, int iArea, ObspRow **paRow);
int obsp_node_rows(Req *req, const ObspView *v, const int *aNode, int nNode,
                   ObspRow **paRow);

/*
** The map (hidden until obs-map.js draws it) beside the sortable table of
** aRow.  zTitle names what the rows are ("Communes de Dordogne");
** zContours is the space-separated contour URL list
** ("/api/v1/contours/departement/24"), NULL for no map; zBase is the page
** path for the sort links.
*/
void obsp_map_and_table(Req *req, const ObspView *v, const char *zTitle,
                        const char *zFirstCol, ObspRow *aRow, int nRow,
                        const char *zContours, const char *zBase);
/*
** The map block alone: a hidden <figure> with the legend g (titled
** zLegendTitle) and the JSON island obs-map.js reads (contour URLs, and
** per row code: name, tooltip value, link, class).  Rows not listed are
** drawn grey for context, or left out when isOnlyListed.
*/
void obsp_map(Req *req, const char *zTitle, const char *zLegendTitle,
              const ObspLegend *g, const ObspRow *aRow, int nRow,
              const char *zContours, int isOnlyListed);
/* <script> tags of Leaflet and obs-map.js (once, after obsp_map). */
void obsp_map_scripts(Req *req);
/* Contour URL of the communes of the départements of aNode (space
** separated, each once), from the request arena; NULL when none. */
const char *obsp_contours_of(Req *req, const ObsModel *m, const int *aNode,
                             int nNode);
/* Download links (CSV, XLSX, GeoJSON) of a view: zPath is the export
** endpoint with its query ("/api/v1/export/departement/24?millesime=2022")
** to which "&format=…" is added. */
void obsp_export_links(Req *req, const char *zPath, const char *zWhat);
/* "2,10", or "pas de donnée" for NaN (never a 0 for a missing figure);
** from the request arena. */
const char *obsp_apl_text(Req *req, double v);
/* The key's parameters in French (obs_key_describe), request arena. */
const char *obsp_key_text(Req *req, const ObsModel *m);
/* The provenance block (<details> with the model's sources). */
void obsp_provenance(Req *req, const ObsModel *m);
/* The effect of a what-if on m: key figures, the communes whose class
** changes, the map of APL changes (when hasMap) and the largest changes
** (pages_whatif.c). */
void obsp_whatif_result(Req *req, const ObsModel *m, const ObsWhatIf *w,
                        int hasMap);
/* ---- centres de santé (pages_centres.c) -------------------------------- */

/* A centre de santé's site open today in the commune of one row. */
typedef struct ObspSite ObspSite;
struct ObspSite {
  const ObsSite *pSite;             /* from the ObsSource (obs.h) */
  const ObspRow *pRow;              /* its commune's row */
};
/* The sites open today in the communes of aRow, read through the
** ObsSource (obs.h), into *paSite (request arena): their count (0 without
** a source), or -1 when they cannot be read (logged). */
int obsp_sites_of(Req *req, const ObspRow *aRow, int nRow, ObspSite **paSite);
/* The URL of the sites' markers for obs-map.js ("" when nSite <= 0 or
** the source has none). */
const char *obsp_sites_url(int nSite);
/* The section listing a[0..n-1] ("in zWhere": "ces communes"); nErr < 0
** says the list is unavailable. */
void obsp_sites_table(Req *req, const ObspSite *a, int n, int nErr,
                      const char *zWhere);

/* <link> of obs.css and Leaflet, once in the page body. */
void obsp_assets(Req *req, int hasMap);

#endif
