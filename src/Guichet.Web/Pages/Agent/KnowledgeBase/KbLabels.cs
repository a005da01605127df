using Guichet.Web.KnowledgeBase;
using Microsoft.Extensions.Localization;

namespace Guichet.Web.Pages.Agent.KnowledgeBase;

/// <summary>Where an article stands for its readers, as the editor's pages sort and show it.</summary>
public enum KbState { Draft, Scheduled, Published }

/// <summary>The editor pages' words for the knowledge base's states, visibilities, refusals and changes.</summary>
public static class KbLabels
{
    public static KbState StateOf(DateTimeOffset? publishAt, DateTimeOffset now) =>
        publishAt is null ? KbState.Draft : publishAt > now ? KbState.Scheduled : KbState.Published;

    public static string State(IStringLocalizer L, KbState state) => state switch
    {
        KbState.Draft => L["Draft"],
        KbState.Scheduled => L["Scheduled"],
        _ => L["Published"],
    };

    public static string Visibility(IStringLocalizer L, KbVisibility visibility) => visibility switch
    {
        KbVisibility.Public => L["Public: anyone"],
        KbVisibility.SignedIn => L["Signed-in customers"],
        KbVisibility.Organizations => L["Chosen organizations"],
        _ => L["Internal: the team only"],
    };

    public static string Problem(IStringLocalizer L, KbProblem problem) => problem switch
    {
        KbProblem.TitleRequired => L["Enter a title."],
        KbProblem.TitleTooLong => L["The title is too long: at most {0} characters.", KbTranslation.MaxTitleLength],
        KbProblem.BodyTooLong => L["The text is too long: at most {0} characters.", KbTranslation.MaxBodyLength],
        KbProblem.KeywordsTooLong => L["The keywords are too long: at most {0} characters.", KbTranslation.MaxKeywordsLength],
        KbProblem.UnknownLanguage => L["Choose a language from the list."],
        KbProblem.NoSuchSection => L["Choose a section from the list."],
        KbProblem.NoSuchArticle => L["This article no longer exists."],
        KbProblem.NoOrganizations => L["Choose at least one organization, or another visibility."],
        KbProblem.SourceTranslationRequired => L["The source language's text is what readers of other languages fall back to: it cannot be a draft of a published article, nor be deleted."],
        KbProblem.NameRequired => L["Enter a name in at least one language."],
        KbProblem.NotInSection => L["This article is no longer in this section: someone moved it meanwhile."],
        _ => L["It is not empty: move or delete what it holds first."],
    };

    /// <summary>A history line's "what", with the language it was made in.</summary>
    public static string Change(IStringLocalizer L, KbChange change, string? language)
    {
        var name = language is null ? "" : Localization.Cultures.NativeName(language);
        return change switch
        {
            KbChange.Created => L["Created in {0}", name],
            KbChange.Edited => L["Text edited ({0})", name],
            KbChange.Translated => L["Translated ({0})", name],
            KbChange.Published => L["Published"],
            KbChange.Scheduled => L["Publication scheduled"],
            KbChange.Unpublished => L["Unpublished"],
            KbChange.Moved => L["Moved"],
            KbChange.VisibilityChanged => L["Visibility changed"],
            KbChange.TranslationDeleted => L["Translation deleted ({0})", name],
            KbChange.FileAdded => L["File added"],
            KbChange.Reordered => L["Place in its section changed"],
            _ => L["File removed"],
        };
    }
}
