/*
** placements/logistics.c: housing (rooms with a monthly rent) and the
** vehicle pool lent to trainees, and their bookings, in the store.
**
** A room or a vehicle is never booked twice on the same day: the check
** and the insert run in one transaction (BEGIN IMMEDIATE), so two agents
** booking at once cannot both pass the check.
*/
#include <string.h>

#include "base/caldate.h"
#include "base/err_input.h"
#include "placements/internal.h"
#include "placements/placements.h"

/* ---- housing ------------------------------------------------------------ */

int64_t place_housing_find(Store *db, const char *zName, const char *zCode)
{
  Stmt *q = store_stmt(db, "SELECT id FROM housing WHERE name = ?1 "
                           "AND commune = ?2 ORDER BY id LIMIT 1");
  store_bind_list(q, STORE_V(zName), STORE_V(zCode));
  return store_one_int(q, 0);
}

int place_housing_save(Store *db, int64_t *pId, const char *zName,
                       const char *zCommune, const char *zAddress, Err *err)
{
  if (!zName || !zName[0]) {
    return err_input(err, "nom", "nom du logement : champ obligatoire");
  }
  if (!zCommune || strlen(zCommune) != 5) {
    return err_input(err, "commune",
                     "commune : code INSEE à 5 caractères attendu");
  }
  Stmt *q = store_upsert(db, *pId,
      "UPDATE housing SET name = ?1, commune = ?2, address = ?3 "
      "WHERE id = ?4",
      "INSERT INTO housing(name, commune, address) VALUES (?1, ?2, ?3)");
  store_bind_list(q, STORE_V(zName), STORE_V(zCommune), store_v_opt(zAddress));
  return store_save(db, q, pId, NULL, err);
}

/* A room's columns in ROOM_SELECT order; after the id, the ones a save
** binds (?1..?3), then those only reads fill. */
static const StoreCol aRoomCol[] = {
  STORE_COL(Room, id),
  STORE_COL(Room, housingId),
  STORE_COL(Room, zLabel),
  STORE_COL(Room, rentCents),
  STORE_COL(Room, zHousingName),
  STORE_COL(Room, zCommune),
};

int place_room_save(Store *db, Room *p, Err *err)
{
  if (!p->zLabel || !p->zLabel[0]) {
    return err_input(err, "libelle", "chambre : nom obligatoire");
  }
  if (p->rentCents < 0) {
    return err_input(err, "loyer", "loyer : montant négatif refusé");
  }
  if (store_ref_check(db, "SELECT count(*) FROM housing WHERE id = ?1",
                      p->housingId, "logement_id", "logement inconnu", err)) {
    return ERR_INPUT;
  }
  Stmt *qD = store_stmt(db, "SELECT count(*) FROM housing_room WHERE "
                            "housing_id = ?1 AND label = ?2 AND id <> ?3");
  store_bind_list(qD, STORE_V(p->housingId), STORE_V(p->zLabel),
                  STORE_V(p->id));
  if (store_one_int(qD, 0)) {
    return err_input(err, "libelle",
                     "chambre : ce nom existe déjà dans ce logement");
  }
  Stmt *q = store_upsert(db, p->id,
      "UPDATE housing_room SET housing_id = ?1, label = ?2, "
      "rent_cents = ?3 WHERE id = ?4",
      "INSERT INTO housing_room(housing_id, label, rent_cents) "
      "VALUES (?1, ?2, ?3)");
  store_bind_cols(q, aRoomCol + 1, 3, p, 1);
  return store_save(db, q, &p->id, NULL, err);
}


#define ROOM_SELECT                                                        \
  "SELECT r.id, r.housing_id, r.label, r.rent_cents, h.name, h.commune "   \
  "FROM housing_room r JOIN housing h ON h.id = r.housing_id "

int place_room_list(Store *db, Arena *a, Room **pa, int *pn, Err *err)
{
  Stmt *q = store_stmt(db, ROOM_SELECT "ORDER BY h.name, r.label");
  return store_rows_cols(q, a, aRoomCol, STORE_NCOL(aRoomCol), sizeof **pa,
                         (void **)pa, pn, err);
}

int place_room_free_list(Store *db, Arena *a, int iStart, int iEnd,
                         Room **pa, int *pn, Err *err)
{
  char zS[11], zE[11];
  Stmt *q = store_stmt(db, ROOM_SELECT
                       "WHERE NOT EXISTS (SELECT 1 FROM room_booking b "
                       "WHERE b.room_id = r.id AND b.start_on <= ?2 "
                       "AND b.end_on >= ?1) ORDER BY h.name, r.label");
  store_bind_list(q, STORE_V(caldate_format(iStart, zS)),
                  STORE_V(caldate_format(iEnd, zE)));
  return store_rows_cols(q, a, aRoomCol, STORE_NCOL(aRoomCol), sizeof **pa,
                         (void **)pa, pn, err);
}

/* ---- vehicles ----------------------------------------------------------- */

/* A vehicle's columns in SELECT order; after the id, the ones a save binds
** (?1..?4). */
static const StoreCol aVehicleCol[] = {
  STORE_COL(Vehicle, id),
  STORE_COL(Vehicle, zLabel),
  STORE_COL(Vehicle, zPlate),
  STORE_COL_OPT(Vehicle, zCommune),
  STORE_COL_OPT(Vehicle, zNote),
};

int place_vehicle_save(Store *db, Vehicle *p, Err *err)
{
  if (!p->zLabel || !p->zLabel[0]) {
    return err_input(err, "libelle", "véhicule : nom obligatoire");
  }
  if (!p->zPlate || !p->zPlate[0]) {
    return err_input(err, "immatriculation",
                     "immatriculation : champ obligatoire");
  }
  Stmt *qD = store_stmt(db, "SELECT count(*) FROM vehicle "
                            "WHERE plate = ?1 AND id <> ?2");
  store_bind_list(qD, STORE_V(p->zPlate), STORE_V(p->id));
  if (store_one_int(qD, 0)) {
    return err_input(err, "immatriculation",
                     "immatriculation déjà enregistrée");
  }
  Stmt *q = store_upsert(db, p->id,
      "UPDATE vehicle SET label = ?1, plate = ?2, commune = ?3, note = ?4 "
      "WHERE id = ?5",
      "INSERT INTO vehicle(label, plate, commune, note) "
      "VALUES (?1, ?2, ?3, ?4)");
  store_bind_cols(q, aVehicleCol + 1, 4, p, 1);
  return store_save(db, q, &p->id, NULL, err);
}

int place_vehicle_list(Store *db, Arena *a, Vehicle **pa, int *pn, Err *err)
{
  Stmt *q = store_stmt(db, "SELECT id, label, plate, commune, note "
                           "FROM vehicle ORDER BY label");
  return store_rows_cols(q, a, aVehicleCol, STORE_NCOL(aVehicleCol),
                         sizeof **pa, (void **)pa, pn, err);
}

/* ---- bookings ----------------------------------------------------------- */

/* A booking's columns in SELECT order; after the id, the ones an insert
** binds (?1..?4), then those only reads fill. */
static const StoreCol aBookingCol[] = {
  STORE_COL(Booking, id),
  STORE_COL(Booking, resourceId),
  STORE_COL(Booking, traineeId),
  STORE_COL(Booking, zStartOn),
  STORE_COL(Booking, zEndOn),
  STORE_COL(Booking, zResource),
  STORE_COL(Booking, zTraineeName),
};

int place_book(Store *db, int isVehicle, Booking *p, Err *err)
{
  int s, e;
  if (place_dates(p->zStartOn, p->zEndOn, &s, &e, err)) return ERR_INPUT;
  if (store_ref_check(db, "SELECT count(*) FROM trainee WHERE id = ?1",
                      p->traineeId, "stagiaire_id", "stagiaire inconnu", err) ||
      store_ref_check(db, isVehicle
                              ? "SELECT count(*) FROM vehicle WHERE id = ?1"
                              : "SELECT count(*) FROM housing_room "
                                "WHERE id = ?1",
                      p->resourceId, "ressource_id",
                      isVehicle ? "véhicule inconnu" : "chambre inconnue",
                      err)) {
    return ERR_INPUT;
  }
  int rc = store_begin(db, err);
  if (rc) return rc;
  /* ISO dates compare as text: a shared day is start <= other end and
  ** other start <= end. */
  rc = place_overlap_check(db, isVehicle
      ? "SELECT start_on, end_on FROM vehicle_booking WHERE vehicle_id = ?1 "
        "AND start_on <= ?3 AND end_on >= ?2 ORDER BY start_on LIMIT 1"
      : "SELECT start_on, end_on FROM room_booking WHERE room_id = ?1 "
        "AND start_on <= ?3 AND end_on >= ?2 ORDER BY start_on LIMIT 1",
      p->resourceId, p->zStartOn, p->zEndOn,
      isVehicle ? "véhicule déjà réservé" : "chambre déjà réservée",
      " : choisir d'autres dates", err);
  if (!rc) {
    Stmt *q = store_stmt(db, isVehicle
        ? "INSERT INTO vehicle_booking(vehicle_id, trainee_id, start_on, "
          "end_on) VALUES (?1, ?2, ?3, ?4)"
        : "INSERT INTO room_booking(room_id, trainee_id, start_on, end_on) "
          "VALUES (?1, ?2, ?3, ?4)");
    store_bind_cols(q, aBookingCol + 1, 4, p, 1);
    rc = store_exec(q, err);
    if (!rc) p->id = store_last_id(db);
  }
  return rc ? store_rollback(db, rc) : store_commit(db, err);
}

int place_booking_list(Store *db, Arena *a, int isVehicle, int iStart,
                       int iEnd, Booking **pa, int *pn, Err *err)
{
  char zS[11], zE[11];
  Stmt *q = store_stmt(db, isVehicle
      ? "SELECT b.id, b.vehicle_id, b.trainee_id, b.start_on, b.end_on, "
        "v.label || ' (' || v.plate || ')', "
        PLACE_TRAINEE_NAME "FROM vehicle_booking b "
        "JOIN vehicle v ON v.id = b.vehicle_id "
        "JOIN trainee t ON t.id = b.trainee_id "
        "WHERE b.start_on <= ?2 AND b.end_on >= ?1 "
        "ORDER BY v.label, b.start_on"
      : "SELECT b.id, b.room_id, b.trainee_id, b.start_on, b.end_on, "
        "h.name || ' – ' || r.label, " PLACE_TRAINEE_NAME
        "FROM room_booking b JOIN housing_room r ON r.id = b.room_id "
        "JOIN housing h ON h.id = r.housing_id "
        "JOIN trainee t ON t.id = b.trainee_id "
        "WHERE b.start_on <= ?2 AND b.end_on >= ?1 "
        "ORDER BY h.name, r.label, b.start_on");
  store_bind_list(q, STORE_V(caldate_format(iStart, zS)),
                  STORE_V(caldate_format(iEnd, zE)));
  return store_rows_cols(q, a, aBookingCol, STORE_NCOL(aBookingCol),
                         sizeof **pa, (void **)pa, pn, err);
}
