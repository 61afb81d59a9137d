-- An application's own first migration, in Flyway's default location: the library's scripts must not be beside it.
CREATE TABLE app_note (id INT NOT NULL PRIMARY KEY);
