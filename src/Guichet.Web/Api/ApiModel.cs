using Guichet.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Api;

/// <summary>The API's part of the database model: access tokens and remembered idempotent requests.</summary>
internal static class ApiModel
{
    public static void Build(ModelBuilder builder)
    {
        builder.Entity<PersonalAccessToken>(t =>
        {
            t.Property(x => x.Name).HasMaxLength(PersonalAccessTokens.NameMaxLength);
            t.Property(x => x.TokenHash).HasMaxLength(64);
            t.HasIndex(x => x.TokenHash).IsUnique();
            t.HasIndex(x => x.UserId);
            t.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<IdempotentRequest>(r =>
        {
            r.Property(x => x.Key).HasMaxLength(IdempotentRequest.KeyMaxLength);
            r.Property(x => x.RequestHash).HasMaxLength(64);
            r.HasIndex(x => new { x.UserId, x.Key }).IsUnique();
            r.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
