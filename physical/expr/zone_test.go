package expr

import (
	"testing"
	"time"
)

// zoneCases are java.time results (OpenJDK 17): a wall-clock time (as UTC seconds), the
// instant ZonedDateTime.of gives in the zone (gaps move forward, overlaps take the earlier
// offset), and the instant of LocalDate.atStartOfDay.
var zoneCases = []struct {
	zone                   string
	local, instant, sodUTC int64
}{
	{"Australia/Lord_Howe", 1647138600, 1647099000, 1647090000},
	{"Australia/Lord_Howe", 1667698200, 1667658600, 1667653200},
	{"Australia/Lord_Howe", 1648344600, 1648305000, 1648299600},
	{"Australia/Lord_Howe", 1667093400, 1667053800, 1667048400},
	{"Australia/Lord_Howe", 1648950300, 1648910700, 1648904400},
	{"Australia/Lord_Howe", 1664676900, 1664639100, 1664631000},
	{"Australia/Lord_Howe", 1325203200, 1325163600, 1325163600},
	{"Australia/Lord_Howe", -2717668800, -2717706980, -2717750180},
	{"Australia/Lord_Howe", -2208988800, -2209024800, -2209024800},
	{"Australia/Lord_Howe", 4118126400, 4118088600, 4118045400},
	{"Australia/Lord_Howe", 1541289600, 1541250000, 1541250000},
	{"Australia/Lord_Howe", -1, -36001, -122400},
	{"Pacific/Apia", 1647138600, 1647091800, 1647082800},
	{"Pacific/Apia", 1667698200, 1667651400, 1667646000},
	{"Pacific/Apia", 1648344600, 1648297800, 1648292400},
	{"Pacific/Apia", 1667093400, 1667046600, 1667041200},
	{"Pacific/Apia", 1648950300, 1648903500, 1648897200},
	{"Pacific/Apia", 1664676900, 1664630100, 1664622000},
	{"Pacific/Apia", 1325203200, 1325239200, 1325239200},
	{"Pacific/Apia", -2717668800, -2717713984, -2717757184},
	{"Pacific/Apia", -2208988800, -2208947584, -2208947584},
	{"Pacific/Apia", 4118126400, 4118079600, 4118036400},
	{"Pacific/Apia", 1541289600, 1541239200, 1541239200},
	{"Pacific/Apia", -1, 39599, -46800},
	{"Europe/Dublin", 1647138600, 1647138600, 1647129600},
	{"Europe/Dublin", 1667698200, 1667698200, 1667692800},
	{"Europe/Dublin", 1648344600, 1648344600, 1648339200},
	{"Europe/Dublin", 1667093400, 1667089800, 1667084400},
	{"Europe/Dublin", 1648950300, 1648946700, 1648940400},
	{"Europe/Dublin", 1664676900, 1664673300, 1664665200},
	{"Europe/Dublin", 1325203200, 1325203200, 1325203200},
	{"Europe/Dublin", -2717668800, -2717667279, -2717710479},
	{"Europe/Dublin", -2208988800, -2208987279, -2208987279},
	{"Europe/Dublin", 4118126400, 4118122800, 4118079600},
	{"Europe/Dublin", 1541289600, 1541289600, 1541289600},
	{"Europe/Dublin", -1, -3601, -90000},
}

func TestLocalToInstantMatchesJavaTime(t *testing.T) {
	for _, c := range zoneCases {
		loc, err := time.LoadLocation(c.zone)
		if err != nil {
			t.Skip("no tzdata")
		}
		got, _ := localToInstant(c.local*1_000_000, loc)
		if got/1_000_000 != c.instant {
			t.Errorf("%s %d: %d, java %d", c.zone, c.local, got/1_000_000, c.instant)
		}
		sod, _ := localToInstant(floorDivI(c.local, 86400)*86400*1_000_000, loc)
		if sod/1_000_000 != c.sodUTC {
			t.Errorf("%s start of day of %d: %d, java %d", c.zone, c.local, sod/1_000_000, c.sodUTC)
		}
	}
}

func TestZoneIDs(t *testing.T) {
	for id, want := range map[string]int64{"Z": 0, "UTC": 0, "+8": 28800, "+08:00:30": 28830, "+083000": 30600,
		"-18:00": -64800, "UTC+8": 28800, "GMT-08:00": -28800, "UT+1": 3600, "PST": -28800, "EST": -18000,
		"CST": -21600, "GMT0": 0, "+1:30": 5400, "-5:3": -18180} {
		loc, ok := zoneByID(id)
		if !ok {
			t.Errorf("%s rejected", id)
			continue
		}
		if off := offsetAt(loc, 1640995200); off != want {
			t.Errorf("%s: offset %d, want %d", id, off, want)
		}
	}
	for _, id := range []string{"+18:01", "+19", "utc", "Local", "UTC+", "X", "", "america/los_angeles"} {
		if _, ok := zoneByID(id); ok {
			t.Errorf("%q accepted", id)
		}
	}
}
