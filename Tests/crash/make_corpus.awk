# Writes `files` small articles into `dir` (in 30 subfolders), seeded by `seed`. Used by crash_test.sh.
# Also, with `mutate=1`, appends a paragraph to `files` random existing names (creating those missing).
# A new article opens with a dated sentence two times in five ("On October 7, 2019, ..."), one with a date without a
# year ("on Monday, October 7"), which only the writer's last pass dates, from the collection's year; the rest have none.
BEGIN {
    srand(seed)
    split("January February March April May June July August September October November December", months, " ")
    split("Monday Tuesday Wednesday Thursday Friday Saturday Sunday", weekdays, " ")
    n = split("Soleimani Suleimani Baghdad Basra Najaf protest protesters square Tahrir militia Kataib Hezbollah " \
              "Muhandis Iraq Iran Lebanon drone strike airport government minister parliament election crowd " \
              "police the of and in on was were said that with for a by reported officials", words, " ")
    for (f = 0; f < files; f++) {
        id = int(rand() * (mutate ? range : files))
        if (!mutate) id = f
        path = sprintf("%s/d%02d/a%05d.txt", dir, id % 30, id)
        if (mutate) { printf "\n\n" >> path } else { printf "" > path }
        if (!mutate) printf "Article %d about %s\n\n", id, words[1 + int(rand() * n)] >> path
        kind = rand()
        if (!mutate && kind < 0.4) printf "On %s %d, %d, officials met.\n\n", months[1 + int(rand() * 12)], 1 + int(rand() * 28), (rand() < 0.8 ? 2019 : 2018) >> path
        else if (!mutate && kind < 0.6) printf "Crowds returned on %s, %s %d to the square.\n\n", weekdays[1 + int(rand() * 7)], months[1 + int(rand() * 12)], 1 + int(rand() * 28) >> path
        paragraphs = 1 + int(rand() * 3)
        for (p = 0; p < paragraphs; p++) {
            length_ = 8 + int(rand() * 40)
            line = ""
            for (w = 0; w < length_; w++) line = line (w ? " " : "") words[1 + int(rand() * n)]
            printf "%s.%s", line, (p < paragraphs - 1 ? "\n\n" : "\n") >> path
        }
        close(path)
    }
}
