package org.sitroom.security;

/** config/users.yml cannot be used; the message names the file, the line and what to fix. */
public class UsersFileException extends RuntimeException {

    public UsersFileException(String message) {
        super(message);
    }
}
