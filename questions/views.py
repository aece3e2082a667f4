from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.decorators import permission_required
from core.errors import DomainError
from questions import selectors, services
from questions.forms import AnswerForm, ModerationForm, QuestionForm
from questions.models import Question


def _add_error(form, error: DomainError) -> None:
    field = error.field if error.field in form.fields else None
    for message in error.details:
        form.add_error(field, message)


@permission_required("questions.view_questions")
def question_list(request):
    return render(
        request,
        "questions/question_list.html",
        {
            "questions": selectors.questions_public()[:300],
            "counts": selectors.timeliness_counts(),
            "answer_days": settings.QUESTIONS_ANSWER_WORKING_DAYS,
        },
    )


@permission_required("questions.view_questions")
def question_detail(request, pk: int):
    question = get_object_or_404(selectors.questions_public(), pk=pk)
    return render(request, "questions/question_detail.html", {"question": question})


@permission_required("questions.ask_question")
def question_choose(request):
    return render(
        request,
        "questions/question_choose.html",
        {
            "cycles": services.public_subjects("cycle"),
            "commissions": services.public_subjects("commission"),
            "decisions": services.public_subjects("decision"),
        },
    )


@permission_required("questions.ask_question")
def question_ask(request, kind: str, subject_id: int):
    if kind not in services.SUBJECT_KINDS:
        raise Http404
    subject = get_object_or_404(services.public_subjects(kind), pk=subject_id)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            question = services.question_ask(
                user=request.user, subject_kind=kind, subject_id=subject.pk, **form.cleaned_data
            )
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you. Your question will be published once an officer has checked it. "
                    "It is due an answer by %(due)s."
                )
                % {"due": question.due_on.strftime("%d %B %Y")},
            )
            return redirect("my_questions")
    return render(
        request, "questions/question_ask.html", {"form": form, "subject": subject}, status=400 if form.errors else 200
    )


@permission_required("questions.ask_question")
def my_questions(request):
    return render(request, "questions/my_questions.html", {"questions": selectors.questions_of(request.user)})


@permission_required("questions.answer_questions")
def question_queue(request):
    return render(
        request,
        "questions/question_queue.html",
        {"to_moderate": selectors.questions_to_moderate(), "to_answer": selectors.questions_to_answer()},
    )


@permission_required("questions.answer_questions")
def question_handle(request, pk: int):
    question = get_object_or_404(Question.objects.select_related("cycle", "commission", "decision"), pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    moderation_form = ModerationForm(request.POST if action in ("publish", "hide") else None)
    answer_form = AnswerForm(request.POST if action == "answer" else None)
    try:
        if action in ("publish", "hide") and moderation_form.is_valid():
            services.question_moderate(
                user=request.user, question_id=question.pk, publish=action == "publish", **moderation_form.cleaned_data
            )
            messages.success(request, _("The question has been moderated."))
            return redirect("question_queue")
        if action == "answer" and answer_form.is_valid():
            services.question_answer(user=request.user, question_id=question.pk, **answer_form.cleaned_data)
            messages.success(request, _("The answer has been published."))
            return redirect("question_queue")
    except DomainError as error:
        _add_error(answer_form if action == "answer" else moderation_form, error)
    has_errors = bool(moderation_form.errors or answer_form.errors)
    return render(
        request,
        "questions/question_handle.html",
        {"question": question, "moderation_form": moderation_form, "answer_form": answer_form},
        status=400 if has_errors else 200,
    )
