package dev.stepwise.sample.it;

import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Test-only: declares the library's database the way an application would (its own datasource, named by
 * {@code stepwise.mfa.datasource}) and, on {@code POST /it/store-outage}, destroys it.
 */
@DataSourceDefinition(name = StoreOutageServlet.DATASOURCE, className = "org.h2.jdbcx.JdbcDataSource",
        url = "jdbc:h2:mem:stepwise-outage;DB_CLOSE_DELAY=-1")
@WebServlet("/it/store-outage")
public class StoreOutageServlet extends HttpServlet {

    static final String DATASOURCE = "java:app/jdbc/stepwise-outage";

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP ALL OBJECTS");
        } catch (SQLException e) {
            throw new IOException(e);
        }
        resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
