using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Data;

public sealed class PostgresGuichetDbContext(DbContextOptions<PostgresGuichetDbContext> options) : GuichetDbContext(options);
