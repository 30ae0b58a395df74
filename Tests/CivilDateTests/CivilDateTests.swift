import CivilDate
import Testing

@Suite struct CivilDateTests {
    @Test(
        "known dates",
        arguments: [
            (Int64(1970), Int64(1), Int64(1), Int64(0)), (1969, 12, 31, -1), (2000, 2, 29, 11_016), (2000, 3, 1, 11_017),
            (2013, 5, 24, 15_849), (1900, 3, 1, -25_508), (2038, 1, 19, 24_855), (1600, 2, 29, -135_081),
        ])
    func known(_ year: Int64, _ month: Int64, _ day: Int64, _ days: Int64) {
        #expect(CivilDate.days(year: year, month: month, day: day) == days)
        let back = CivilDate.civil(days: days)
        #expect(back.year == year && back.month == month && back.day == day)
    }

    @Test("every day from 1600 to 2400 round-trips and days are consecutive")
    func roundTrip() {
        let start = CivilDate.days(year: 1600, month: 1, day: 1)
        let end = CivilDate.days(year: 2400, month: 12, day: 31)
        var previous = CivilDate.civil(days: start - 1)
        for day in start...end {
            let c = CivilDate.civil(days: day)
            #expect(CivilDate.days(year: c.year, month: c.month, day: c.day) == day)
            let nextDayInMonth = c.day == previous.day + 1 && c.month == previous.month
            let firstOfMonth = c.day == 1 && (c.month == previous.month % 12 + 1)
            if !(nextDayInMonth || firstOfMonth) { Issue.record("not consecutive at \(c)") }
            previous = c
        }
    }
}
