using Guichet.Web.Data;
using Guichet.Web.KnowledgeBase;
using Guichet.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Demo;

/// <summary>
/// The demo's knowledge base: three categories, twenty-two articles in English and French (four in all five
/// languages), mostly public, with one for signed-in people, one for Acme's people only, one internal, one draft and one
/// scheduled; with view counts so that "most read" means something. Written through <see cref="KbAuthoring"/>, as an
/// editor would, so that history and search index are as in real use.
/// </summary>
internal static class DemoKnowledgeBase
{
    private enum Publication { Now, Draft, NextWeek }

    private sealed record Text(string Title, string Body, string Keywords = "");

    private sealed record Article(string Section, long Views, Dictionary<string, Text> Texts, KbVisibility Visibility = KbVisibility.Public,
        bool AcmeOnly = false, Publication Publication = Publication.Now);

    public static async Task LoadAsync(IServiceProvider services, GuichetDbContext db, Guid author, Guid acme, TimeProvider time, CancellationToken ct)
    {
        if (await db.KbCategories.AnyAsync(ct)) return;
        var authoring = services.GetRequiredService<KbAuthoring>();
        var sections = new Dictionary<string, int>();
        var position = 0;
        foreach (var (names, descriptions, categorySections) in Categories)
        {
            var (category, problem) = await authoring.SaveCategoryAsync(null, names, descriptions, ++position, ct);
            Check(problem);
            var sectionPosition = 0;
            foreach (var (key, sectionNames) in categorySections)
            {
                var (section, sectionProblem) = await authoring.SaveSectionAsync(null, category!.Id, sectionNames, Empty, ++sectionPosition, ct);
                Check(sectionProblem);
                sections[key] = section!.Id;
            }
        }

        foreach (var a in Articles)
        {
            var (source, text) = a.Texts.First();
            var (article, problem) = await authoring.CreateAsync(author, sections[a.Section], source, Of(text), a.Visibility,
                a.AcmeOnly ? [acme] : [], ct);
            Check(problem);
            foreach (var (language, translation) in a.Texts.Skip(1))
                Check(await authoring.SaveTextAsync(author, article!.Id, language, Of(translation), isDraft: false, ct));
            if (a.Publication != Publication.Draft)
                Check(await authoring.PublishAsync(author, article!.Id, a.Publication == Publication.NextWeek ? time.GetUtcNow().AddDays(7) : null, ct));
            // Views are counted as readers open articles; the demo starts with a history of readers.
            await db.KbArticles.Where(x => x.Id == article!.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Views, a.Views), ct);
        }
    }

    private static KbText Of(Text text) => new(text.Title, text.Body, text.Keywords);

    private static void Check(KbProblem? problem)
    {
        if (problem is not null) throw new InvalidOperationException($"Demo knowledge base refused: {problem}");
    }

    private static readonly LocalizedText Empty = new(new Dictionary<string, string>());

    private static LocalizedText Names(string en, string fr) => new(new Dictionary<string, string> { ["en"] = en, ["fr"] = fr });

    private static readonly (LocalizedText Names, LocalizedText Descriptions, (string Key, LocalizedText Names)[] Sections)[] Categories =
    [
        (LocalizedText.Of("Getting started", "Premiers pas", "Erste Schritte", "Primeros pasos", "Primi passi"),
            LocalizedText.Of("Your account, your requests and how we answer them.", "Votre compte, vos demandes et comment nous y répondons.",
                "Ihr Konto, Ihre Anfragen und wie wir sie beantworten.", "Su cuenta, sus solicitudes y cómo las respondemos.",
                "Il tuo account, le tue richieste e come rispondiamo."),
            [
                ("account", LocalizedText.Of("Your account", "Votre compte", "Ihr Konto", "Su cuenta", "Il tuo account")),
                ("requests", LocalizedText.Of("Requests", "Demandes", "Anfragen", "Solicitudes", "Richieste")),
            ]),
        (LocalizedText.Of("Account and billing", "Compte et facturation", "Konto und Abrechnung", "Cuenta y facturación", "Account e fatturazione"),
            LocalizedText.Of("Invoices, payments and your subscription.", "Factures, paiements et votre abonnement.",
                "Rechnungen, Zahlungen und Ihr Abonnement.", "Facturas, pagos y su suscripción.", "Fatture, pagamenti e il tuo abbonamento."),
            [
                ("invoices", LocalizedText.Of("Invoices and payments", "Factures et paiements", "Rechnungen und Zahlungen", "Facturas y pagos", "Fatture e pagamenti")),
                ("subscription", LocalizedText.Of("Subscription", "Abonnement", "Abonnement", "Suscripción", "Abbonamento")),
            ]),
        (LocalizedText.Of("Troubleshooting", "Dépannage", "Fehlerbehebung", "Solución de problemas", "Risoluzione dei problemi"),
            LocalizedText.Of("Printers, network, VPN and mail: what to check before calling us.",
                "Imprimantes, réseau, VPN et messagerie : quoi vérifier avant de nous appeler.",
                "Drucker, Netzwerk, VPN und E-Mail: was Sie prüfen können, bevor Sie uns anrufen.",
                "Impresoras, red, VPN y correo: qué comprobar antes de llamarnos.",
                "Stampanti, rete, VPN e posta: cosa controllare prima di chiamarci."),
            [
                ("printing", LocalizedText.Of("Printing", "Impression", "Drucken", "Impresión", "Stampa")),
                ("network", Names("Network and VPN", "Réseau et VPN")),
                ("mail", Names("Email", "Messagerie")),
            ]),
    ];

    private static readonly Article[] Articles =
    [
        new("account", 1840, new()
        {
            ["en"] = new("Reset your password", """
                Forgot your password, or it no longer works? Choose a new one in two minutes.

                1. On the sign-in page, click **Forgot your password?**
                2. Type the email address of your account and send.
                3. Open the mail we sent you (check the spam folder if it is not there after five minutes).
                4. Copy the code into the page, then choose your new password.

                ## A good password

                - at least 12 characters; a short sentence is easy to remember and hard to guess;
                - not one you use on another site;
                - a password manager remembers it for you.

                The code is valid for one hour. After five wrong passwords in a row, the account waits 15 minutes before
                the next try: wait, or reset it as above.
                """, "forgot lost login sign in locked reset code"),
            ["fr"] = new("Réinitialiser votre mot de passe", """
                Mot de passe oublié, ou il ne fonctionne plus ? Choisissez-en un nouveau en deux minutes.

                1. Sur la page de connexion, cliquez sur **Mot de passe oublié ?**
                2. Saisissez l'adresse e-mail de votre compte et envoyez.
                3. Ouvrez le message que nous vous avons envoyé (regardez dans les indésirables s'il n'est pas arrivé après cinq minutes).
                4. Recopiez le code dans la page, puis choisissez votre nouveau mot de passe.

                ## Un bon mot de passe

                - au moins 12 caractères ; une courte phrase se retient facilement et se devine difficilement ;
                - jamais le même que sur un autre site ;
                - un gestionnaire de mots de passe le retient pour vous.

                Le code est valable une heure. Après cinq erreurs de suite, le compte attend 15 minutes avant un nouvel
                essai : patientez, ou réinitialisez-le comme ci-dessus.
                """, "oublié perdu connexion identifiant bloqué code"),
            ["de"] = new("Passwort zurücksetzen", """
                Passwort vergessen oder funktioniert es nicht mehr? Wählen Sie in zwei Minuten ein neues.

                1. Klicken Sie auf der Anmeldeseite auf **Passwort vergessen?**
                2. Geben Sie die E-Mail-Adresse Ihres Kontos ein und senden Sie ab.
                3. Öffnen Sie die E-Mail, die wir Ihnen geschickt haben (nach fünf Minuten auch im Spam-Ordner nachsehen).
                4. Übertragen Sie den Code in die Seite und wählen Sie Ihr neues Passwort.

                ## Ein gutes Passwort

                - mindestens 12 Zeichen; ein kurzer Satz ist leicht zu merken und schwer zu erraten;
                - nirgendwo sonst verwendet;
                - ein Passwort-Manager merkt es sich für Sie.

                Der Code ist eine Stunde gültig. Nach fünf Fehlversuchen wartet das Konto 15 Minuten.
                """, "vergessen anmelden gesperrt Kennwort"),
            ["es"] = new("Restablecer su contraseña", """
                ¿Olvidó su contraseña o ya no funciona? Elija una nueva en dos minutos.

                1. En la página de inicio de sesión, haga clic en **¿Olvidó su contraseña?**
                2. Escriba la dirección de correo de su cuenta y envíe.
                3. Abra el correo que le enviamos (mire en la carpeta de spam si no llega en cinco minutos).
                4. Copie el código en la página y elija su nueva contraseña.

                ## Una buena contraseña

                - al menos 12 caracteres; una frase corta es fácil de recordar y difícil de adivinar;
                - nunca la misma que en otro sitio;
                - un gestor de contraseñas la recuerda por usted.

                El código es válido durante una hora. Tras cinco intentos fallidos, la cuenta espera 15 minutos.
                """, "olvidada acceso bloqueada clave"),
            ["it"] = new("Reimpostare la password", """
                Hai dimenticato la password o non funziona più? Scegline una nuova in due minuti.

                1. Nella pagina di accesso, fai clic su **Password dimenticata?**
                2. Scrivi l'indirizzo e-mail del tuo account e invia.
                3. Apri il messaggio che ti abbiamo inviato (guarda nella cartella spam se non arriva entro cinque minuti).
                4. Copia il codice nella pagina, poi scegli la nuova password.

                ## Una buona password

                - almeno 12 caratteri; una breve frase si ricorda facilmente e si indovina a fatica;
                - mai la stessa di un altro sito;
                - un gestore di password la ricorda per te.

                Il codice vale un'ora. Dopo cinque tentativi errati, l'account attende 15 minuti.
                """, "dimenticata accesso bloccato"),
        }),
        new("account", 620, new()
        {
            ["en"] = new("Sign in for the first time", """
                Your colleague or our team invited you: the invitation mail holds a link valid for seven days.

                1. Open the link in the mail **Your access to the support portal**.
                2. Choose a password (at least 12 characters).
                3. You are signed in: the portal shows your organization's name at the top.

                The link expired? Ask the person who invited you to send it again, or use **Forgot your password?** with
                the same address: it works for invited accounts too.

                You can also create an account yourself with **Sign up**: if your email address belongs to a known
                organization, you join it at once.
                """, "invitation welcome new account sign up activate"),
            ["fr"] = new("Se connecter pour la première fois", """
                Un collègue ou notre équipe vous a invité : le message d'invitation contient un lien valable sept jours.

                1. Ouvrez le lien du message **Votre accès au portail d'assistance**.
                2. Choisissez un mot de passe (au moins 12 caractères).
                3. Vous êtes connecté : le portail affiche le nom de votre organisation en haut de la page.

                Le lien a expiré ? Demandez à la personne qui vous a invité de le renvoyer, ou utilisez **Mot de passe
                oublié ?** avec la même adresse : cela fonctionne aussi pour les comptes invités.

                Vous pouvez aussi créer un compte vous-même avec **Créer un compte** : si votre adresse appartient à une
                organisation connue, vous la rejoignez aussitôt.
                """, "invitation bienvenue nouveau compte inscription activer"),
        }),
        new("account", 310, new()
        {
            ["en"] = new("Change your language and time zone", """
                The portal and our mails speak English, French, German, Spanish and Italian.

                - Open **Profile** (your name, top right).
                - Choose your **language** and your **time zone**, then save.

                Dates and times are then shown in your time zone, and every mail we send you is in your language. Until
                you choose, the portal follows your browser's language.
                """, "profile settings locale timezone français deutsch español italiano"),
            ["fr"] = new("Changer de langue et de fuseau horaire", """
                Le portail et nos messages parlent français, anglais, allemand, espagnol et italien.

                - Ouvrez **Profil** (votre nom, en haut à droite).
                - Choisissez votre **langue** et votre **fuseau horaire**, puis enregistrez.

                Les dates et heures s'affichent alors dans votre fuseau, et chaque message que nous vous envoyons est dans
                votre langue. Tant que vous n'avez pas choisi, le portail suit la langue de votre navigateur.
                """, "profil paramètres heure english deutsch español italiano"),
        }),
        new("requests", 1290, new()
        {
            ["en"] = new("Open a request", """
                A request reaches the whole support team at once and keeps the conversation in one place.

                ## On the portal

                1. Click **Open a request** on the home page.
                2. Choose the kind of request: a question, an incident, an access request…
                3. Describe what happens, what you expected and since when; add screenshots or files.
                4. Send: you get a number (like **#1042**) and a mail confirming it.

                ## By mail

                Write to the support address: the subject becomes the request's subject, your mail its first message,
                and the attached files come along. Replies to our mails go into the same request.

                **Tip:** one subject per request. Two problems in one request wait for each other.
                """, "ticket new incident question create contact support"),
            ["fr"] = new("Ouvrir une demande", """
                Une demande parvient à toute l'équipe d'assistance à la fois et garde la conversation au même endroit.

                ## Sur le portail

                1. Cliquez sur **Ouvrir une demande** sur la page d'accueil.
                2. Choisissez le type de demande : question, incident, demande d'accès…
                3. Décrivez ce qui se passe, ce que vous attendiez et depuis quand ; ajoutez des captures ou des fichiers.
                4. Envoyez : vous recevez un numéro (comme **n° 1042**) et un message qui le confirme.

                ## Par e-mail

                Écrivez à l'adresse de l'assistance : l'objet devient l'objet de la demande, votre message son premier
                message, et les pièces jointes suivent. Les réponses à nos messages vont dans la même demande.

                **Astuce :** un sujet par demande. Deux problèmes dans une même demande s'attendent l'un l'autre.
                """, "ticket nouvelle incident question créer contacter assistance"),
            ["de"] = new("Eine Anfrage stellen", """
                Eine Anfrage erreicht das ganze Support-Team auf einmal und hält das Gespräch an einem Ort.

                ## Im Portal

                1. Klicken Sie auf der Startseite auf **Anfrage stellen**.
                2. Wählen Sie die Art der Anfrage: Frage, Störung, Zugangsantrag…
                3. Beschreiben Sie, was passiert, was Sie erwartet haben und seit wann; fügen Sie Screenshots oder Dateien hinzu.
                4. Senden Sie ab: Sie erhalten eine Nummer (etwa **#1042**) und eine Bestätigung per E-Mail.

                ## Per E-Mail

                Schreiben Sie an die Support-Adresse: Der Betreff wird zum Betreff der Anfrage, Ihre E-Mail zur ersten
                Nachricht, Anhänge kommen mit.
                """, "Ticket neu Störung Frage erstellen Kontakt"),
            ["es"] = new("Abrir una solicitud", """
                Una solicitud llega a todo el equipo de soporte a la vez y mantiene la conversación en un solo lugar.

                ## En el portal

                1. Haga clic en **Abrir una solicitud** en la página de inicio.
                2. Elija el tipo de solicitud: pregunta, incidencia, solicitud de acceso…
                3. Describa qué ocurre, qué esperaba y desde cuándo; añada capturas o archivos.
                4. Envíe: recibirá un número (como **#1042**) y un correo de confirmación.

                ## Por correo

                Escriba a la dirección de soporte: el asunto se convierte en el asunto de la solicitud, su correo en el
                primer mensaje, y los adjuntos lo acompañan.
                """, "ticket nueva incidencia pregunta crear contacto"),
            ["it"] = new("Aprire una richiesta", """
                Una richiesta raggiunge tutto il team di assistenza in una volta e tiene la conversazione in un solo posto.

                ## Sul portale

                1. Fai clic su **Apri una richiesta** nella pagina iniziale.
                2. Scegli il tipo di richiesta: domanda, guasto, richiesta di accesso…
                3. Descrivi cosa succede, cosa ti aspettavi e da quando; aggiungi schermate o file.
                4. Invia: ricevi un numero (come **#1042**) e un'e-mail di conferma.

                ## Per e-mail

                Scrivi all'indirizzo dell'assistenza: l'oggetto diventa l'oggetto della richiesta, la tua e-mail il primo
                messaggio, e gli allegati lo accompagnano.
                """, "ticket nuova guasto domanda creare contatto"),
        }),
        new("requests", 980, new()
        {
            ["en"] = new("What the status of a request means", """
                Every request shows where it stands:

                | status | what it means | what you can do |
                | --- | --- | --- |
                | New | we received it; nobody has taken it yet | add details if you have more |
                | Open | someone of the team works on it | answer our questions |
                | Waiting for you | we need an answer from you | reply; the request reopens |
                | Solved | we think it is done | reply within 7 days if it is not |
                | Closed | done for good | open a new request, linking this one |
                | Cancelled | you or we withdrew it | nothing |

                A solved request closes by itself after seven days without news. Replying to a solved request opens it again.
                """, "state pending waiting solved closed resolved reopen"),
            ["fr"] = new("Ce que signifie le statut d'une demande", """
                Chaque demande indique où elle en est :

                | statut | ce qu'il signifie | ce que vous pouvez faire |
                | --- | --- | --- |
                | Nouvelle | nous l'avons reçue ; personne ne l'a encore prise | ajouter des détails si vous en avez |
                | Ouverte | quelqu'un de l'équipe s'en occupe | répondre à nos questions |
                | En attente de votre réponse | il nous faut une réponse de vous | répondre ; la demande se rouvre |
                | Résolue | nous pensons que c'est réglé | répondre sous 7 jours si ce n'est pas le cas |
                | Fermée | réglée pour de bon | ouvrir une nouvelle demande en citant celle-ci |
                | Annulée | vous ou nous l'avons retirée | rien |

                Une demande résolue se ferme d'elle-même après sept jours sans nouvelles. Répondre à une demande résolue la rouvre.
                """, "état attente résolue fermée rouvrir"),
            ["de"] = new("Was der Status einer Anfrage bedeutet", """
                Jede Anfrage zeigt, wo sie steht:

                | Status | Bedeutung | was Sie tun können |
                | --- | --- | --- |
                | Neu | eingegangen, noch nicht übernommen | Details ergänzen |
                | Offen | jemand aus dem Team bearbeitet sie | unsere Fragen beantworten |
                | Wartet auf Sie | wir brauchen Ihre Antwort | antworten; die Anfrage öffnet sich wieder |
                | Gelöst | wir halten sie für erledigt | innerhalb von 7 Tagen antworten, falls nicht |
                | Geschlossen | endgültig erledigt | eine neue Anfrage stellen |

                Eine gelöste Anfrage schließt sich nach sieben Tagen ohne Nachricht von selbst.
                """, "Zustand wartend gelöst geschlossen"),
            ["es"] = new("Qué significa el estado de una solicitud", """
                Cada solicitud indica en qué punto está:

                | estado | qué significa | qué puede hacer |
                | --- | --- | --- |
                | Nueva | la recibimos; nadie la ha tomado aún | añadir detalles |
                | Abierta | alguien del equipo trabaja en ella | responder a nuestras preguntas |
                | Esperando su respuesta | necesitamos una respuesta suya | responder; la solicitud se reabre |
                | Resuelta | creemos que está hecha | responder en 7 días si no lo está |
                | Cerrada | terminada | abrir una nueva solicitud |

                Una solicitud resuelta se cierra sola tras siete días sin noticias.
                """, "estado pendiente resuelta cerrada"),
            ["it"] = new("Cosa significa lo stato di una richiesta", """
                Ogni richiesta mostra a che punto è:

                | stato | cosa significa | cosa puoi fare |
                | --- | --- | --- |
                | Nuova | l'abbiamo ricevuta; nessuno l'ha ancora presa | aggiungere dettagli |
                | Aperta | qualcuno del team ci lavora | rispondere alle nostre domande |
                | In attesa di te | ci serve una tua risposta | rispondere; la richiesta si riapre |
                | Risolta | pensiamo sia fatta | rispondere entro 7 giorni se non lo è |
                | Chiusa | conclusa | aprire una nuova richiesta |

                Una richiesta risolta si chiude da sola dopo sette giorni senza notizie.
                """, "stato attesa risolta chiusa"),
        }),
        new("requests", 760, new()
        {
            ["en"] = new("Add attachments to a request", """
                Screenshots, logs and documents help us understand faster.

                - **On the portal:** use **Add files** under the message box, or drop files onto it. Up to 10 files, 25 MB each.
                - **By mail:** attach the files to your mail or your reply.

                Images show in the conversation; other files are downloaded. Files that could harm a computer (programs,
                scripts such as `.exe` or `.bat`) are refused: put them in a `.zip` archive.

                A screenshot of the whole window, with the error message and the clock visible, is often the best attachment.
                """, "attachment file upload screenshot image pdf size limit"),
            ["fr"] = new("Joindre des fichiers à une demande", """
                Captures d'écran, journaux et documents nous aident à comprendre plus vite.

                - **Sur le portail :** utilisez **Ajouter des fichiers** sous la zone de message, ou déposez-y les fichiers. Jusqu'à 10 fichiers de 25 Mo chacun.
                - **Par e-mail :** joignez les fichiers à votre message ou à votre réponse.

                Les images s'affichent dans la conversation ; les autres fichiers se téléchargent. Les fichiers qui
                pourraient nuire à un ordinateur (programmes, scripts comme `.exe` ou `.bat`) sont refusés : mettez-les dans une archive `.zip`.

                Une capture de toute la fenêtre, avec le message d'erreur et l'heure visibles, est souvent la meilleure pièce jointe.
                """, "pièce jointe fichier envoyer capture image pdf taille"),
        }),
        new("requests", 540, new()
        {
            ["en"] = new("Follow a request by mail", """
                You do not need to visit the portal to follow a request: every answer from our team reaches you by mail.

                - **Reply to the mail** to answer: your reply is added to the request, with its attachments.
                - Each mail has a **View request** link to the whole conversation.
                - Add colleagues in copy (Cc) of your mail: they follow the request too.

                Getting too many mails? Your organization's manager sees every request of the organization on the portal
                without being in copy.
                """, "notification email alert reply cc follow"),
            ["fr"] = new("Suivre une demande par e-mail", """
                Inutile de passer par le portail pour suivre une demande : chaque réponse de notre équipe vous parvient par e-mail.

                - **Répondez au message** pour répondre : votre réponse s'ajoute à la demande, avec ses pièces jointes.
                - Chaque message contient un lien **Voir la demande** vers toute la conversation.
                - Mettez des collègues en copie (Cc) : ils suivent la demande eux aussi.

                Trop de messages ? Le responsable de votre organisation voit toutes les demandes de l'organisation sur le
                portail sans être en copie.
                """, "notification courriel alerte répondre copie suivre"),
        }),
        new("invoices", 870, new()
        {
            ["en"] = new("Download your invoices", """
                Invoices are issued on the first working day of each month.

                1. Sign in to the portal.
                2. Open **Billing → Invoices**.
                3. Click an invoice's number to download it as PDF.

                Only your organization's managers and the billing contact see the invoices. Need a copy sent to your
                accounting department each month? Open a request: we add their address as billing contact.
                """, "invoice bill receipt pdf download accounting monthly"),
            ["fr"] = new("Télécharger vos factures", """
                Les factures sont émises le premier jour ouvré de chaque mois.

                1. Connectez-vous au portail.
                2. Ouvrez **Facturation → Factures**.
                3. Cliquez sur le numéro d'une facture pour la télécharger en PDF.

                Seuls les responsables de votre organisation et le contact de facturation voient les factures. Vous voulez
                qu'une copie parte chaque mois à votre comptabilité ? Ouvrez une demande : nous ajoutons son adresse comme contact de facturation.
                """, "facture reçu pdf télécharger comptabilité mensuelle"),
        }, KbVisibility.SignedIn),
        new("invoices", 330, new()
        {
            ["en"] = new("Change the billing address on your invoices", """
                The address printed on invoices is your organization's billing address.

                - Send us the new address, the VAT number and the date from which it applies in a request of type **Billing question**.
                - We change it within two working days; the next invoice carries it.

                Invoices already issued are not changed: if one must be reissued, say so in the request and give its number.
                """, "invoice address VAT company name reissue"),
            ["fr"] = new("Modifier l'adresse de facturation", """
                L'adresse imprimée sur les factures est l'adresse de facturation de votre organisation.

                - Envoyez-nous la nouvelle adresse, le numéro de TVA et la date d'effet dans une demande de type **Question de facturation**.
                - Nous la modifions sous deux jours ouvrés ; la facture suivante la porte.

                Les factures déjà émises ne sont pas modifiées : si l'une doit être réémise, dites-le dans la demande en indiquant son numéro.
                """, "facture adresse TVA raison sociale réémettre"),
        }),
        new("invoices", 290, new()
        {
            ["en"] = new("Pay by bank transfer", """
                You can pay every invoice by bank transfer.

                - Use the **IBAN** printed at the bottom of the invoice.
                - Put the **invoice number** as the transfer's reference, so that we match your payment at once.
                - Payment is due 30 days after the invoice date.

                Paying several invoices at once? Put all their numbers in the reference, separated by spaces.
                """, "payment wire IBAN SEPA due date reference"),
            ["fr"] = new("Payer par virement", """
                Vous pouvez payer chaque facture par virement bancaire.

                - Utilisez l'**IBAN** imprimé au bas de la facture.
                - Indiquez le **numéro de facture** en référence du virement, pour que nous rapprochions votre paiement aussitôt.
                - Le paiement est dû 30 jours après la date de la facture.

                Vous réglez plusieurs factures à la fois ? Mettez tous leurs numéros en référence, séparés par des espaces.
                """, "paiement virement IBAN SEPA échéance référence"),
        }),
        new("subscription", 410, new()
        {
            ["en"] = new("Add or remove users from your subscription", """
                Your subscription counts the active users of your organization.

                - **Add someone:** your organization's manager invites them from **Organization → People**.
                - **Remove someone:** the manager deactivates them there; they can no longer sign in, and their requests stay.

                The next invoice counts the users active on the first day of the month.
                """, "license seats user invite deactivate leaver"),
            ["fr"] = new("Ajouter ou retirer des utilisateurs de votre abonnement", """
                Votre abonnement compte les utilisateurs actifs de votre organisation.

                - **Ajouter quelqu'un :** le responsable de votre organisation l'invite depuis **Organisation → Personnes**.
                - **Retirer quelqu'un :** le responsable le désactive au même endroit ; il ne peut plus se connecter et ses demandes restent.

                La facture suivante compte les utilisateurs actifs le premier jour du mois.
                """, "licence poste utilisateur inviter désactiver départ"),
        }, KbVisibility.SignedIn),
        new("subscription", 95, new()
        {
            ["en"] = new("Acme Industries: your premium support contract", """
                As part of Acme's premium contract:

                - requests of priority **Urgent** are answered within **one hour**, 24 hours a day;
                - your dedicated contact is the support team's lead, reachable through requests as usual;
                - a review of your requests takes place every quarter.

                To flag an outage outside office hours, open a request with the priority **Urgent**: the on-call agent is alerted.
                """, "Acme contract SLA premium urgent on-call"),
            ["fr"] = new("Acme Industries : votre contrat d'assistance premium", """
                Dans le cadre du contrat premium d'Acme :

                - les demandes de priorité **Urgente** reçoivent une réponse sous **une heure**, 24 heures sur 24 ;
                - votre interlocuteur dédié est le responsable de l'équipe d'assistance, joignable par les demandes comme d'habitude ;
                - une revue de vos demandes a lieu chaque trimestre.

                Pour signaler une panne en dehors des heures de bureau, ouvrez une demande de priorité **Urgente** : l'agent d'astreinte est alerté.
                """, "Acme contrat premium urgent astreinte"),
        }, KbVisibility.Organizations, AcmeOnly: true),
        new("subscription", 450, new()
        {
            ["en"] = new("Cancel your subscription", """
                We are sorry to see you go. Cancelling takes effect at the end of the current month.

                1. Your organization's manager opens a request of type **Billing question**.
                2. Say from which date and, if you like, why: it helps us improve.
                3. We confirm by mail and send a last invoice.

                Your data can be exported before the end: ask for it in the same request.
                """, "cancel terminate contract export data leave"),
            ["fr"] = new("Résilier votre abonnement", """
                Nous regrettons de vous voir partir. La résiliation prend effet à la fin du mois en cours.

                1. Le responsable de votre organisation ouvre une demande de type **Question de facturation**.
                2. Indiquez à partir de quelle date et, si vous le voulez, pourquoi : cela nous aide à nous améliorer.
                3. Nous confirmons par e-mail et envoyons une dernière facture.

                Vos données peuvent être exportées avant la fin : demandez-le dans la même demande.
                """, "résiliation résilier contrat exporter données"),
        }),
        new("printing", 1520, new()
        {
            ["en"] = new("The printer does not print", """
                Before opening a request, these checks solve most cases.

                ## On the printer

                1. Is it on, with paper, and without a blinking error light? Open and close the trays.
                2. Does its screen show **Paper jam** or **Toner low**? Follow the drawing on the screen.

                ## On your computer

                1. Open **Settings → Printers** and check that the right printer is the default one.
                2. Open the print queue: delete the jobs that stay in error, then print again.
                3. Restart the computer: it restarts the print service too.

                Still nothing? Open a request with the printer's name (on its label, like **PRN-2F-01**) and a photo of its screen.
                """, "printing print queue jam toner spooler paper"),
            ["fr"] = new("L'imprimante n'imprime pas", """
                Avant d'ouvrir une demande, ces vérifications règlent la plupart des cas.

                ## Sur l'imprimante

                1. Est-elle allumée, avec du papier, sans voyant d'erreur qui clignote ? Ouvrez et refermez les bacs.
                2. Son écran affiche-t-il **Bourrage papier** ou **Toner faible** ? Suivez le dessin à l'écran.

                ## Sur votre ordinateur

                1. Ouvrez **Paramètres → Imprimantes** et vérifiez que la bonne imprimante est celle par défaut.
                2. Ouvrez la file d'impression : supprimez les travaux restés en erreur, puis imprimez de nouveau.
                3. Redémarrez l'ordinateur : cela redémarre aussi le service d'impression.

                Toujours rien ? Ouvrez une demande avec le nom de l'imprimante (sur son étiquette, comme **PRN-2F-01**) et une photo de son écran.
                """, "impression file bourrage toner spouleur papier"),
            ["de"] = new("Der Drucker druckt nicht", """
                Bevor Sie eine Anfrage stellen, lösen diese Prüfungen die meisten Fälle.

                ## Am Drucker

                1. Ist er eingeschaltet, mit Papier, ohne blinkende Fehleranzeige? Öffnen und schließen Sie die Fächer.
                2. Zeigt das Display **Papierstau** oder **Toner niedrig**? Folgen Sie der Zeichnung.

                ## Am Computer

                1. Öffnen Sie **Einstellungen → Drucker** und prüfen Sie den Standarddrucker.
                2. Löschen Sie Druckaufträge mit Fehler in der Warteschlange und drucken Sie erneut.
                3. Starten Sie den Computer neu.
                """, "Drucken Warteschlange Papierstau Toner"),
            ["es"] = new("La impresora no imprime", """
                Antes de abrir una solicitud, estas comprobaciones resuelven la mayoría de los casos.

                ## En la impresora

                1. ¿Está encendida, con papel y sin luz de error parpadeando? Abra y cierre las bandejas.
                2. ¿Su pantalla muestra **Atasco de papel** o **Tóner bajo**? Siga el dibujo de la pantalla.

                ## En su ordenador

                1. Abra **Configuración → Impresoras** y compruebe la impresora predeterminada.
                2. Borre los trabajos con error de la cola de impresión e imprima de nuevo.
                3. Reinicie el ordenador.
                """, "impresión cola atasco tóner papel"),
            ["it"] = new("La stampante non stampa", """
                Prima di aprire una richiesta, questi controlli risolvono la maggior parte dei casi.

                ## Sulla stampante

                1. È accesa, con la carta, senza spie di errore lampeggianti? Apri e chiudi i cassetti.
                2. Il display mostra **Inceppamento carta** o **Toner in esaurimento**? Segui il disegno sullo schermo.

                ## Sul computer

                1. Apri **Impostazioni → Stampanti** e controlla la stampante predefinita.
                2. Elimina i lavori in errore dalla coda di stampa e stampa di nuovo.
                3. Riavvia il computer.
                """, "stampa coda inceppamento toner carta"),
        }),
        new("printing", 700, new()
        {
            ["en"] = new("Add a network printer", """
                Every floor has a shared printer, named after its floor: **PRN-1F-01**, **PRN-2F-01**…

                ## Windows

                1. Open **Settings → Bluetooth & devices → Printers & scanners**, then **Add device**.
                2. Choose the printer by its name. If it is not listed, click **Add manually** and type its address:

                ```
                \\print.example.internal\PRN-2F-01
                ```

                ## macOS

                Open **System Settings → Printers & Scanners → Add Printer**, tab **IP**, address `print.example.internal`,
                protocol **IPP**, queue `printers/PRN-2F-01`.
                """, "install printer driver add network windows mac"),
            ["fr"] = new("Ajouter une imprimante réseau", """
                Chaque étage a une imprimante partagée, nommée d'après son étage : **PRN-1F-01**, **PRN-2F-01**…

                ## Windows

                1. Ouvrez **Paramètres → Bluetooth et appareils → Imprimantes et scanners**, puis **Ajouter un appareil**.
                2. Choisissez l'imprimante par son nom. Si elle n'apparaît pas, cliquez sur **Ajouter manuellement** et saisissez son adresse :

                ```
                \\print.example.internal\PRN-2F-01
                ```

                ## macOS

                Ouvrez **Réglages Système → Imprimantes et scanners → Ajouter une imprimante**, onglet **IP**, adresse
                `print.example.internal`, protocole **IPP**, file `printers/PRN-2F-01`.
                """, "installer imprimante pilote ajouter réseau windows mac"),
        }),
        new("network", 1100, new()
        {
            ["en"] = new("Connect to the VPN", """
                The VPN lets you reach the company's internal tools from home or on the road.

                1. Install the **WireGuard** client from your device's app store or from the company portal.
                2. Import the configuration file we sent you (`guichet-vpn.conf`), or scan its QR code on a phone.
                3. Activate the tunnel. To check that it works, open a terminal and run:

                ```sh
                ping -c 3 intranet.example.internal
                ```

                Three answers: you are connected. No answer: see *The VPN disconnects or does not connect*.

                Your configuration file is personal: never share it. Lost your laptop? Tell us at once, we revoke its key.
                """, "vpn wireguard remote home tunnel connect teleworking"),
            ["fr"] = new("Se connecter au VPN", """
                Le VPN vous donne accès aux outils internes de l'entreprise depuis chez vous ou en déplacement.

                1. Installez le client **WireGuard** depuis la boutique d'applications de votre appareil ou le portail de l'entreprise.
                2. Importez le fichier de configuration que nous vous avons envoyé (`guichet-vpn.conf`), ou scannez son QR code sur un téléphone.
                3. Activez le tunnel. Pour vérifier qu'il fonctionne, ouvrez un terminal et lancez :

                ```sh
                ping -c 3 intranet.example.internal
                ```

                Trois réponses : vous êtes connecté. Aucune réponse : voyez *Le VPN se déconnecte ou ne se connecte pas*.

                Votre fichier de configuration est personnel : ne le partagez jamais. Ordinateur perdu ? Prévenez-nous aussitôt, nous révoquons sa clé.
                """, "vpn wireguard télétravail distance tunnel connexion"),
        }),
        new("network", 640, new()
        {
            ["en"] = new("The VPN disconnects or does not connect", """
                Check, in this order:

                1. **The internet itself:** open any public web site with the VPN off. No internet, no VPN.
                2. **The clock:** a computer whose date or time is wrong is refused. Set it to automatic.
                3. **Hotel or guest Wi-Fi:** some block the VPN's port (UDP 51820). Try your phone's connection sharing.
                4. **Sleep:** after the computer sleeps, deactivate and activate the tunnel again.

                Disconnected every few minutes at home? Restart your internet box; if it goes on, open a request with
                the times it dropped.
                """, "vpn drop disconnect timeout unstable wifi hotel"),
            ["fr"] = new("Le VPN se déconnecte ou ne se connecte pas", """
                Vérifiez, dans cet ordre :

                1. **Internet lui-même :** ouvrez un site public quelconque, VPN coupé. Pas d'internet, pas de VPN.
                2. **L'horloge :** un ordinateur dont la date ou l'heure est fausse est refusé. Réglez-la en automatique.
                3. **Wi-Fi d'hôtel ou invité :** certains bloquent le port du VPN (UDP 51820). Essayez le partage de connexion de votre téléphone.
                4. **La mise en veille :** après une veille, désactivez puis réactivez le tunnel.

                Déconnecté toutes les quelques minutes chez vous ? Redémarrez votre box ; si cela continue, ouvrez une
                demande avec les heures des coupures.
                """, "vpn coupure déconnexion instable wifi hôtel"),
        }),
        new("network", 380, new()
        {
            ["en"] = new("Cannot connect to the office Wi-Fi", """
                The office has two networks:

                - **Office** for company devices, with your usual account and password;
                - **Guest** for visitors and personal phones, with the code shown at the reception.

                Changed your password lately? Your devices still try the old one: choose **Forget this network**, then
                connect again. Still refused after that? Your account may be locked: see *Reset your password*.
                """, "wifi wireless network office guest connection"),
            ["fr"] = new("Impossible de se connecter au Wi-Fi du bureau", """
                Le bureau a deux réseaux :

                - **Office** pour les appareils de l'entreprise, avec votre compte et votre mot de passe habituels ;
                - **Guest** pour les visiteurs et les téléphones personnels, avec le code affiché à l'accueil.

                Vous avez changé votre mot de passe récemment ? Vos appareils essaient encore l'ancien : choisissez
                **Oublier ce réseau**, puis reconnectez-vous. Toujours refusé ? Votre compte est peut-être bloqué : voyez *Réinitialiser votre mot de passe*.
                """, "wifi sans fil réseau bureau invité connexion"),
        }),
        new("mail", 520, new()
        {
            ["en"] = new("Our mails do not reach you", """
                Not receiving our answers or the password reset code?

                - Look in the **spam** or **junk** folder, and mark our mail as *not spam*.
                - Add the support address to your contacts.
                - Ask your IT to allow mail from our domain: some company filters hold mail from new senders.

                You can always read every answer on the portal, under **My requests**.
                """, "notification email not received spam junk filter"),
            ["fr"] = new("Nos messages ne vous parviennent pas", """
                Vous ne recevez pas nos réponses ou le code de réinitialisation ?

                - Regardez dans le dossier **indésirables** ou **spam**, et marquez notre message comme *non indésirable*.
                - Ajoutez l'adresse de l'assistance à vos contacts.
                - Demandez à votre informatique d'autoriser les messages de notre domaine : certains filtres retiennent les nouveaux expéditeurs.

                Vous pouvez toujours lire chaque réponse sur le portail, dans **Mes demandes**.
                """, "notification courriel non reçu indésirable spam filtre"),
        }),
        new("mail", 60, new()
        {
            ["en"] = new("Outage procedure (team only)", """
                When several customers report the same failure within an hour:

                1. Open one **incident** request and link the customers' requests to it.
                2. Post the status on the status page; update it every 30 minutes.
                3. Call the on-call engineer (the phone number is in the team's calendar).
                4. When it is fixed, answer every linked request with the macro **Outage resolved**.

                Do not give customers a time of repair before the engineer confirms it.
                """, "incident outage escalation on-call major procedure"),
            ["fr"] = new("Procédure en cas de panne (équipe seulement)", """
                Quand plusieurs clients signalent la même panne en moins d'une heure :

                1. Ouvrez une demande **incident** et liez-y les demandes des clients.
                2. Publiez l'état sur la page de statut ; mettez-la à jour toutes les 30 minutes.
                3. Appelez l'ingénieur d'astreinte (le numéro est dans l'agenda de l'équipe).
                4. Une fois réparé, répondez à chaque demande liée avec la macro **Panne résolue**.

                Ne donnez pas d'heure de réparation aux clients avant que l'ingénieur la confirme.
                """, "incident panne escalade astreinte procédure"),
        }, KbVisibility.Internal),
        new("account", 0, new()
        {
            ["en"] = new("Two-step sign-in is coming", """
                From next month, you can protect your account with a second step: a code from an app on your phone,
                asked after your password.

                - Install an authenticator app (any app that shows six-digit codes).
                - In **Profile → Security**, scan the QR code and type the first code.

                Keep the recovery codes shown then: they let you in if you lose your phone.
                """, "2FA MFA two-factor authenticator security otp"),
            ["fr"] = new("La connexion en deux étapes arrive", """
                Dès le mois prochain, vous pourrez protéger votre compte par une seconde étape : un code d'une application
                sur votre téléphone, demandé après votre mot de passe.

                - Installez une application d'authentification (toute application qui affiche des codes à six chiffres).
                - Dans **Profil → Sécurité**, scannez le QR code et saisissez le premier code.

                Gardez les codes de secours affichés alors : ils vous laissent entrer si vous perdez votre téléphone.
                """, "2FA double authentification sécurité code"),
        }, Publication: Publication.NextWeek),
        new("mail", 0, new()
        {
            ["en"] = new("Moving to the new mail server", """
                *Draft — to be completed with the date of the move.*

                Your mailbox moves to the new server on the weekend of the move. Nothing to do before; on Monday, your
                mail program asks for your password once.
                """, "migration mailbox outlook imap"),
            ["fr"] = new("Passage au nouveau serveur de messagerie", """
                *Brouillon — à compléter avec la date du changement.*

                Votre boîte aux lettres passe sur le nouveau serveur le week-end du changement. Rien à faire avant ; le
                lundi, votre logiciel de messagerie demande votre mot de passe une fois.
                """, "migration boîte aux lettres outlook imap"),
        }, Publication: Publication.Draft),
    ];
}
