/// The answers to the questions of the help pages (seeds 000 and 001), in our words.
enum HelpContent {
    static let scamsTopic = "arnaques"

    static func topic(_ slug: String) -> HelpTopic? { topics.first { $0.slug == slug } }

    static let topics: [HelpTopic] = [procedures, tracking, account, wallet, scams, browsers, partners]

    static let procedures = HelpTopic(
        slug: "demarches", title: "Faire une démarche en ligne",
        summary: "Gratuité, reprise d'un dossier sauvegardé, une démarche à la fois, erreur au moment de transmettre.",
        questions: [
            HelpQuestion(anchor: "gratuit", title: "Les démarches en ligne sont-elles payantes ?", blocks: [
                .paragraph(["Non. Toutes les démarches proposées sur Guichet sont gratuites. Faire une démarche en ligne plutôt qu'au guichet ou par courrier ne coûte rien de plus."]),
                .paragraph(["Seuls certains titres peuvent entraîner des frais qui ne dépendent pas de Guichet (frais d'envoi, timbre fiscal) : la démarche concernée l'indique alors clairement."]),
                .paragraph(["Si un site vous a fait payer une démarche, c'est un site privé : ", .page("voir comment reconnaître et signaler ces sites", .helpTopic(.value(scamsTopic))), "."]),
            ]),
            HelpQuestion(anchor: "reprendre", title: "Comment reprendre un dossier que j'ai enregistré ?", blocks: [
                .paragraph(["Un dossier enregistré (", .strong("sauvegardé"), ") n'a pas encore été transmis à l'administration. Pour le terminer :"]),
                .list([
                    [.strong("avec un compte"), " : connectez-vous, ouvrez ", .strong("Mon activité"), " et choisissez ", .strong("Compléter"), " à côté de la démarche ;"],
                    [.strong("sans compte"), " : ouvrez le lien reçu par courriel au moment de l'enregistrement, puis saisissez le numéro de télédossier et le mot de passe indiqués dans ce courriel."],
                ]),
                .paragraph(["Vos réponses déjà saisies sont reprises. Terminez la démarche et choisissez ", .strong("Transmettre ma demande"), " : tant que vous ne l'avez pas fait, l'administration n'a rien reçu."]),
                .paragraph(["Un dossier enregistré reste disponible ", .strong("15 jours"), " après le dernier enregistrement ; un courriel vous prévient 3 jours avant. Passé ce délai, il est supprimé et il faut recommencer la démarche."]),
            ]),
            HelpQuestion(anchor: "une-a-la-fois", title: "On m'indique qu'une démarche est déjà en cours. Que faire ?", blocks: [
                .paragraph(["Une seule démarche peut être en cours à la fois dans votre navigateur. Quand vous en commencez une autre, Guichet vous propose de continuer celle qui est en cours, de l'enregistrer pour la reprendre plus tard puis de commencer la nouvelle, ou de l'abandonner."]),
            ]),
            HelpQuestion(anchor: "erreur-transmission", title: "Une erreur s'est affichée au moment de transmettre ma demande", blocks: [
                .paragraph(["Votre dossier n'est pas perdu : il reste enregistré tant qu'il n'a pas été transmis. Attendez quelques instants puis choisissez de nouveau ", .strong("Transmettre ma demande"), ". Si vous cliquez deux fois, un seul dossier est créé."]),
                .paragraph(["Si l'erreur persiste, notez la référence de l'incident affichée et ", .page("écrivez-nous", .contact), "."]),
            ]),
            HelpQuestion(anchor: "trouver", title: "Comment trouver le service en ligne que je cherche ?", blocks: [
                .paragraph(["La rubrique ", .strong("Services en ligne et formulaires"), " permet de chercher par mots-clés et de filtrer par nature (service en ligne, formulaire en ligne, formulaire à imprimer), par thème (logement, famille, impôts…) et selon que vous êtes un particulier, une association ou un professionnel."]),
                .paragraph(["Guichet ne propose que des démarches administratives. Pour un service proposé par une entreprise privée, adressez-vous à elle."]),
            ]),
        ])

    static let tracking = HelpTopic(
        slug: "suivi", title: "Suivre ou modifier un dossier transmis",
        summary: "Où en est ma demande, retrouver la référence, modifier ou annuler un dossier.",
        questions: [
            HelpQuestion(anchor: "etat", title: "Comment savoir où en est ma demande ?", blocks: [
                .paragraph(["Guichet vous indique si votre dossier a bien été transmis, et à quelle date. Seul l'organisme qui traite votre demande (mairie, CAF, centre des impôts…) peut en suivre le traitement : quand il l'indique, ", .strong("Mon activité"), " affiche l'état de votre dossier (pris en compte, en cours de traitement, traité) et le message de l'organisme."]),
                .paragraph(["Pour toute question sur le traitement, contactez directement cet organisme : ses coordonnées figurent sur la page de votre dossier et sur la page ", .page("Contacter un organisme partenaire", .partners), ". L'équipe Guichet ne peut pas intervenir auprès d'une administration à votre place."]),
            ]),
            HelpQuestion(anchor: "reference", title: "Comment retrouver la référence de mon dossier ?", blocks: [
                .paragraph(["La référence figure sur la page de confirmation, dans le récapitulatif PDF et dans le courriel de confirmation envoyé après la transmission. Elle commence par ", .strong("A-1"), " (démarche faite depuis un compte) ou ", .strong("A-2"), " (démarche faite sans compte), par exemple A-1-7KQ2M9XH4."]),
                .paragraph(["Vous ne trouvez pas le courriel ? Regardez dans le dossier des courriers indésirables. Si vous ne l'avez pas reçu du tout, l'adresse saisie pendant la démarche était peut-être erronée. Avec un compte, la référence est aussi dans ", .strong("Mon activité"), "."]),
            ]),
            HelpQuestion(anchor: "modifier", title: "Comment modifier ou annuler un dossier déjà transmis ?", blocks: [
                .paragraph(["Une fois transmis, un dossier ne peut plus être modifié ni annulé sur Guichet. Signalez directement à l'organisme destinataire les changements à faire, en lui donnant la référence de votre dossier."]),
            ]),
        ])

    static let account = HelpTopic(
        slug: "compte", title: "Mon compte",
        summary: "Créer un compte, identifiant ou mot de passe oublié, compte verrouillé, téléphone changé, suppression.",
        questions: [
            HelpQuestion(anchor: "creer", title: "Comment créer un compte ?", blocks: [
                .paragraph(["Choisissez ", .strong("Créer un compte"), ", puis un identifiant, un mot de passe et votre adresse électronique. Un courriel vous est envoyé : ouvrez le lien qu'il contient dans les 24 heures pour activer le compte."]),
            ]),
            HelpQuestion(anchor: "acces", title: "Je n'arrive pas à me connecter", blocks: [
                .list([
                    ["Identifiant oublié : choisissez ", .strong("Identifiant oublié ?"), " sur la page de connexion et saisissez votre adresse électronique ; vous recevrez vos identifiants par courriel."],
                    ["Mot de passe oublié : choisissez ", .strong("Mot de passe oublié ?"), " et saisissez votre identifiant ; vous recevrez un lien, valable 30 minutes, pour choisir un nouveau mot de passe."],
                ]),
                .paragraph(["Si vous ne recevez aucun courriel, l'adresse enregistrée dans votre compte est sans doute erronée ou n'existe plus : créez un nouveau compte."]),
            ]),
            HelpQuestion(anchor: "verrouille", title: "Mon compte est verrouillé", blocks: [
                .paragraph(["Après 5 essais de connexion manqués à la suite, le compte est verrouillé pour votre sécurité, et un courriel vous en avertit. Il se déverrouille de lui-même ", .strong("2 heures"), " après."]),
                .paragraph(["Pendant ce temps, ", .strong("Mot de passe oublié ?"), " n'est pas disponible. Une fois le compte déverrouillé, utilisez-le si vous n'êtes pas sûr de votre mot de passe, pour ne pas verrouiller le compte de nouveau."]),
            ]),
            HelpQuestion(anchor: "telephone", title: "J'ai changé de numéro de téléphone et je reçois un code par SMS à la connexion", blocks: [
                .paragraph(["Choisissez ", .strong("Numéro de téléphone modifié"), " sur la page de connexion. Saisissez votre identifiant, votre mot de passe et le ", .strong("code de déblocage"), " qui vous a été donné quand vous avez activé le code par SMS. La connexion par SMS est alors retirée : vous vous connectez de nouveau avec votre identifiant et votre mot de passe, et pouvez enregistrer votre nouveau numéro."]),
            ]),
            HelpQuestion(anchor: "adresse-electronique", title: "Comment changer mon adresse électronique ?", blocks: [
                .paragraph(["Dans ", .strong("Mon profil > Mes options"), ", choisissez ", .strong("Changement d'adresse électronique"), " (ou le lien ", .strong("Modifier"), " à côté de l'adresse dans ", .strong("Mes coordonnées"), "). Un lien de confirmation est envoyé à la nouvelle adresse, et l'ancienne est prévenue du changement."]),
                .paragraph(["Cette adresse sert en cas d'oubli de l'identifiant ou du mot de passe, pour pré-remplir vos démarches et pour vous envoyer des alertes."]),
            ]),
            HelpQuestion(anchor: "mot-de-passe", title: "Comment changer mon mot de passe ?", blocks: [
                .paragraph(["Dans ", .strong("Mon profil > Mes options"), ", choisissez ", .strong("Changement de votre mot de passe"), ". Il faut saisir le mot de passe actuel. Le nouveau doit compter au moins 12 caractères ; une phrase facile à retenir convient très bien. Vos autres connexions ouvertes sont alors fermées."]),
            ]),
            HelpQuestion(anchor: "identifiant", title: "Puis-je changer mon identifiant ?", blocks: [
                .paragraph(["Non : l'identifiant est unique et ne peut pas être modifié. Pour en utiliser un autre, créez un nouveau compte."]),
            ]),
            HelpQuestion(anchor: "supprimer", title: "Comment supprimer mon compte ?", blocks: [
                .paragraph(["Dans ", .strong("Mon profil > Mes options"), ", choisissez ", .strong("Suppression de votre compte"), " et confirmez avec votre mot de passe. Vos données personnelles, vos documents et vos dossiers enregistrés sont effacés ; un courriel vous le confirme. Les dossiers déjà transmis restent auprès des organismes qui les ont reçus."]),
            ]),
            HelpQuestion(anchor: "courriel-non-demande", title: "J'ai reçu un courriel pour changer de mot de passe sans l'avoir demandé", blocks: [
                .paragraph(["Quelqu'un a pu se tromper en saisissant son propre identifiant. Ignorez simplement ce courriel : votre mot de passe ne change pas tant que personne n'utilise le lien, et celui-ci expire au bout de 30 minutes."]),
            ]),
        ])

    static let wallet = HelpTopic(
        slug: "porte-documents", title: "Mon porte-documents",
        summary: "Conserver ses justificatifs et les réutiliser dans ses démarches.",
        questions: [
            HelpQuestion(anchor: "utilite", title: "À quoi sert le porte-documents ?", blocks: [
                .paragraph(["Il conserve vos justificatifs (pièce d'identité, justificatif de domicile…) pour les joindre à vos démarches sans les numériser de nouveau. Il accepte les fichiers PDF, PNG, GIF et JPEG ; les images sont transformées en PDF, et vous pouvez réunir jusqu'à 4 fichiers en un seul document PDF de 10 Mo au plus."]),
            ]),
            HelpQuestion(anchor: "ajouter", title: "Comment ajouter un document ?", blocks: [
                .list([
                    ["Connectez-vous et ouvrez ", .strong("Mes documents > Mon porte-documents"), " ;"],
                    ["choisissez ", .strong("Ajouter un document"), ", puis le premier fichier ;"],
                    ["pour en joindre d'autres, choisissez ", .strong("Ajouter un autre fichier"), " (4 fichiers au plus) ;"],
                    ["donnez un titre et une catégorie, puis choisissez ", .strong("Valider"), "."],
                ]),
                .paragraph(["Les fichiers sont réunis en un seul document PDF."]),
            ]),
        ])

    static let scams = HelpTopic(
        slug: scamsTopic, title: "Sites payants et arnaques",
        summary: "Reconnaître un site privé qui fait payer une démarche gratuite, et le signaler.",
        questions: [
            HelpQuestion(anchor: "sites-prives", title: "Un site m'a fait payer une démarche", blocks: [
                .paragraph(["Des entreprises proposent de faire à votre place, contre paiement, des démarches qui sont gratuites sur les sites de l'administration. Elles ne sont pas liées à Guichet et nous n'avons pas accès aux demandes faites chez elles."]),
                .paragraph(["Pour suivre votre dossier ou résilier un abonnement souscrit par erreur, contactez directement ce site."]),
            ]),
            HelpQuestion(anchor: "signaler", title: "Je pense avoir été victime d'une arnaque", blocks: [
                .list([
                    ["signalez le site à la répression des fraudes (DGCCRF) sur ", .external("SignalConso", url: "https://signal.conso.gouv.fr/"), " ;"],
                    ["signalez un contenu ou un comportement illicite en ligne sur la plateforme ", .external("PHAROS", url: "https://www.internet-signalement.gouv.fr/"), " du ministère de l'intérieur ;"],
                    ["si l'entreprise est installée à l'étranger, déposez une réclamation sur ", .external("econsumer.gov", url: "https://econsumer.gov/fr"), "."],
                ]),
                .paragraph(["Rappel : l'administration ne vous demandera jamais votre mot de passe ni vos coordonnées bancaires par courriel ou par téléphone."]),
            ]),
        ])

    static let browsers = HelpTopic(
        slug: "navigateurs", title: "Navigateurs et accès au site",
        summary: "Aucun réglage nécessaire : pas de cache à vider, pas de module à installer.",
        questions: [
            HelpQuestion(anchor: "cache", title: "Faut-il vider le cache de mon navigateur ?", blocks: [
                .paragraph(["Non. Guichet demande à votre navigateur de vérifier chaque page auprès du serveur : vous voyez toujours la version à jour, sans rien avoir à vider. Les pages de votre compte ne sont jamais conservées par le navigateur."]),
            ]),
            HelpQuestion(anchor: "compatibilite", title: "Quels navigateurs puis-je utiliser ?", blocks: [
                .paragraph(["Les versions récentes de Firefox, Chrome, Edge et Safari, sur ordinateur, tablette ou téléphone. Guichet fonctionne aussi sans JavaScript et avec les lecteurs d'écran ; si une page ne s'affiche pas, essayez un autre navigateur puis ", .page("écrivez-nous", .contact), " en indiquant la référence de l'incident affichée."]),
            ]),
            HelpQuestion(anchor: "accessibilite", title: "Le site est-il accessible ?", blocks: [
                .paragraph(["Guichet est conçu pour respecter le référentiel général d'amélioration de l'accessibilité (RGAA). ", .page("Voir la déclaration d'accessibilité", .accessibility), "."]),
            ]),
        ])

    static let partners = HelpTopic(
        slug: "organismes", title: "Organismes partenaires et liaisons de comptes",
        summary: "Contacter l'organisme qui traite votre dossier ; les liaisons de comptes.",
        questions: [
            HelpQuestion(anchor: "contacter", title: "Comment contacter un organisme partenaire ?", blocks: [
                .paragraph(["Les coordonnées des organismes (caisse d'allocations familiales, assurance maladie, centre des impôts, mairies…) figurent sur la page de chaque dossier transmis et sur la page ", .page("Contacter un organisme partenaire", .partners), ". Pour une mairie ou un autre service public, consultez aussi l'", .page("annuaire de l'administration", .directory), " : adresses, téléphones et horaires d'ouverture."]),
            ]),
            HelpQuestion(anchor: "creer-liaison", title: "Comment créer une liaison de comptes ?", blocks: [
                .paragraph(["La création de nouvelles liaisons de comptes n'est plus proposée. Les liaisons existantes restent visibles dans votre compte."]),
            ]),
            HelpQuestion(anchor: "supprimer-liaison", title: "Comment supprimer une liaison de comptes ?", blocks: [
                .paragraph(["La suppression se fait depuis le site de l'organisme partenaire : connectez-vous à votre compte sur son site et utilisez la gestion de la liaison (« Gérer ma liaison »)."]),
            ]),
            HelpQuestion(anchor: "liaison-en-panne", title: "Ma liaison de comptes ne fonctionne pas", blocks: [
                .list([
                    ["essayez depuis un autre navigateur ;"],
                    ["si cela ne suffit pas, supprimez la liaison depuis le site de l'organisme puis recréez-la chez lui."],
                ]),
                .paragraph(["En cas de difficulté, ", .page("écrivez-nous", .contact), " en décrivant le message d'erreur affiché."]),
            ]),
        ])
}
