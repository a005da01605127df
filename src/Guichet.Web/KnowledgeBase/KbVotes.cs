using Guichet.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.KnowledgeBase;

/// <summary>What readers said of an article, for its editors.</summary>
public sealed record KbFeedback(int Helpful, int NotHelpful, IReadOnlyList<KbVote> Comments, int SuggestionOpens, int Deflected);

/// <summary>
/// "Was this article helpful?": one answer per person and article, changeable, with an optional comment when the answer
/// is no. Only someone who may read the article may answer.
/// </summary>
public sealed class KbVotes(GuichetDbContext db, TimeProvider time)
{
    /// <summary>The key of a signed-in reader's vote; anonymous readers bring theirs in a cookie (<see cref="AnonymousKey"/>).</summary>
    public static string UserKey(Guid userId) => $"u:{userId:N}";

    public static string AnonymousKey(Guid cookieKey) => $"a:{cookieKey:N}";

    public async Task<KbProblem?> VoteAsync(KbReader reader, string voterKey, int articleId, bool helpful, string? comment, string language,
        CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!await db.KbArticles.ReadableBy(reader, now).AnyAsync(a => a.Id == articleId, ct)) return KbProblem.NoSuchArticle;
        comment = helpful || string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment is { Length: > KbVote.MaxCommentLength }) return KbProblem.BodyTooLong;
        var vote = await db.KbVotes.SingleOrDefaultAsync(v => v.ArticleId == articleId && v.VoterKey == voterKey, ct);
        if (vote is null)
            db.KbVotes.Add(vote = new KbVote { ArticleId = articleId, VoterKey = voterKey, UserId = reader.UserId });
        vote.IsHelpful = helpful;
        vote.Comment = comment;
        vote.Language = language;
        vote.At = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.Entry(vote).State == EntityState.Added)
        {
            // The same person voting twice at once (a double click): the other vote was kept; this one says the same.
            db.Entry(vote).State = EntityState.Detached;
        }
        return null;
    }

    public Task<KbVote?> MineAsync(string voterKey, int articleId, CancellationToken ct) =>
        db.KbVotes.AsNoTracking().SingleOrDefaultAsync(v => v.ArticleId == articleId && v.VoterKey == voterKey, ct);

    /// <summary>Takes back a person's answer (there may be none); false when they may not read the article.</summary>
    public async Task<bool> WithdrawAsync(KbReader reader, string voterKey, int articleId, CancellationToken ct)
    {
        if (!await db.KbArticles.ReadableBy(reader, time.GetUtcNow()).AnyAsync(a => a.Id == articleId, ct)) return false;
        await db.KbVotes.Where(v => v.ArticleId == articleId && v.VoterKey == voterKey).ExecuteDeleteAsync(ct);
        return true;
    }

    public async Task<KbFeedback> FeedbackAsync(int articleId, CancellationToken ct)
    {
        var counts = await db.KbVotes.Where(v => v.ArticleId == articleId).GroupBy(v => v.IsHelpful)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var comments = await db.KbVotes.AsNoTracking().Where(v => v.ArticleId == articleId && v.Comment != null)
            .OrderByDescending(v => v.At).Take(200).ToListAsync(ct);
        var opens = await db.KbSuggestionOpens.Where(o => o.ArticleId == articleId).GroupBy(o => o.SubmittedAt == null)
            .Select(g => new { Deflected = g.Key, Count = g.Count() }).ToListAsync(ct);
        return new KbFeedback(
            counts.Where(c => c.Key).Sum(c => c.Count), counts.Where(c => !c.Key).Sum(c => c.Count), comments,
            opens.Sum(o => o.Count), opens.Where(o => o.Deflected).Sum(o => o.Count));
    }
}
