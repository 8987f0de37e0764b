/**
 * BSD syslog timestamps (`Nov 26 16:40:00`) carry no year. The first line's year is
 * given, or taken as the current one (the previous one if that would put the line in
 * the future, as for December lines read in January); it advances when the month
 * jumps back, December → January.
 */
export interface SyslogYear {
  of(month: number, day: number): number;
}

const TWO_DAYS = 2 * 86_400_000;

export function createSyslogYear(given: number | undefined, now: Date): SyslogYear {
  let year = given;
  let lastMonth = 0;
  let rolled = false;
  return {
    of(month, day) {
      if (year === undefined) {
        year = now.getUTCFullYear();
        if (Date.UTC(year, month - 1, day) > now.getTime() + TWO_DAYS) year--;
      }
      if (lastMonth === 0 || month >= lastMonth) {
        // A December line just after the New Year was logged before it (daemons interleave a little).
        if (rolled && lastMonth <= 2 && month >= 11) return year - 1;
        lastMonth = month;
        return year;
      }
      if (lastMonth - month >= 6) {
        year++;
        rolled = true;
        lastMonth = month;
      }
      // A month or so back is lines slightly out of order, not a new year.
      return year;
    },
  };
}
