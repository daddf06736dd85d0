/*
** admin/password.c: which passwords oasis accepts.
**
** At least 12 characters, at most 1,024 bytes, at least 5 different
** characters, and not one of the common passwords of
** data/passwords/common.txt (embedded in the binary; compared without
** regard to case).  One rule for every way a password is set: the first
** admin, `oasis user add|passwd`, the admin pages and self-service change.
*/
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "admin/admin.h"
#include "base/embed.h"

#define PW_MIN_CHARS 12
#define PW_MIN_DISTINCT 5

/* Number of UTF-8 characters (code points) of z. */
static size_t pw_chars(const char *z)
{
  size_t n = 0;
  for (; *z; z++) {
    if (((unsigned char)*z & 0xC0) != 0x80) n++;
  }
  return n;
}

/* Number of different bytes of z (enough to catch "aaaa…", "abab…"). */
static int pw_distinct(const char *z)
{
  unsigned char aSeen[256] = {0};
  int n = 0;
  for (; *z; z++) {
    if (!aSeen[(unsigned char)*z]++) n++;
  }
  return n;
}

int admin_password_is_common(const char *zPassword)
{
  const EmbeddedFile *f = &embedded_passwords[0];
  size_t nPw = strlen(zPassword);
  const char *z = (const char *)f->aData, *zEnd = z + f->nData;
  while (z < zEnd) {
    const char *e = memchr(z, '\n', (size_t)(zEnd - z));
    size_t n = e ? (size_t)(e - z) : (size_t)(zEnd - z);
    if (n == nPw && z[0] != '#' && strncasecmp(z, zPassword, n) == 0) {
      return 1;
    }
    z += n + 1;
  }
  return 0;
}

int admin_check_password(const char *zPassword, Err *err)
{
  const char *zWhy = NULL;
  if (!zPassword || pw_chars(zPassword) < PW_MIN_CHARS) {
    zWhy = "mot de passe trop court (12 caractères au moins)";
  } else if (strlen(zPassword) > 1024) {
    zWhy = "mot de passe trop long (1 024 octets au plus)";
  } else if (pw_distinct(zPassword) < PW_MIN_DISTINCT) {
    zWhy = "mot de passe trop simple (5 caractères différents au moins)";
  } else if (admin_password_is_common(zPassword)) {
    zWhy = "mot de passe trop courant : il figure dans les listes de mots "
           "de passe les plus utilisés";
  }
  if (!zWhy) return 0;
  err_set(err, ERR_INPUT, "%s", zWhy);
  err_field(err, "mot_de_passe");
  return ERR_INPUT;
}
