package org.ferworkbench.core.labels;

import org.ferworkbench.core.facenet.FaceExpression;
import org.ferworkbench.core.facenet.FaceExpressions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelOpinionTest {
    private static final List<String> CLASSES = List.of("anger", "disgust", "fear", "happiness", "sadness", "surprise");
    private static final ExpressionMapping USUAL = ExpressionMapping.of(CLASSES, null);

    /** neutral, happy, sad, angry, fearful, disgusted, surprised */
    private static FaceExpressions p(float... v) {
        return FaceExpressions.of(v);
    }

    @Test
    void usualFolderNamesMapToTheNetsExpressionsAndOthersCanBeNamed() {
        assertThat(USUAL.expressionOf("anger")).isEqualTo(FaceExpression.ANGRY);
        assertThat(USUAL.expressionOf("happiness")).isEqualTo(FaceExpression.HAPPY);
        assertThat(USUAL.classOf(FaceExpression.NEUTRAL)).as("no neutral folder").isNull();
        ExpressionMapping ck = ExpressionMapping.of(List.of("anger", "contempt", "happy"), null);
        assertThat(ck.expressionOf("contempt")).as("CK+'s contempt has no expression of the net").isNull();
        ExpressionMapping own = ExpressionMapping.of(List.of("wut", "freude"), "wut=angry, freude=happiness");
        assertThat(own.byClass()).isEqualTo(Map.of("wut", FaceExpression.ANGRY, "freude", FaceExpression.HAPPY));
        assertThatThrownBy(() -> ExpressionMapping.of(CLASSES, "rage=angry")).hasMessageContaining("no class of the dataset: 'rage'");
        assertThatThrownBy(() -> ExpressionMapping.of(CLASSES, "anger=furious")).hasMessageContaining("'furious' is not an expression");
        assertThatThrownBy(() -> ExpressionMapping.of(CLASSES, "anger")).hasMessageContaining("class=expression");
    }

    @Test
    void aLowOwnProbabilityAgainstAConfidentRivalIsDisputed() {
        LabelOpinion o = LabelOpinion.of("sadness", p(0.02f, 0.91f, 0.03f, 0.01f, 0.01f, 0.01f, 0.01f), USUAL);
        assertThat(o.disputed()).isTrue();
        assertThat(o.own()).isEqualTo(0.03f);
        assertThat(o.rival()).isEqualTo("happiness");
        assertThat(o.rivalProbability()).isEqualTo(0.91f);
        assertThat(o.top()).extracting(LabelOpinion.Scored::expression)
                .containsExactly(FaceExpression.HAPPY, FaceExpression.SAD, FaceExpression.NEUTRAL);
        assertThat(o.describe("sadness")).isEqualTo("label disputed: sadness 3%, the net says happiness 91%");
    }

    @Test
    void uncertaintyOrARivalOutsideTheDatasetIsNoDispute() {
        // own low but no other class confident
        assertThat(LabelOpinion.of("sadness", p(0.3f, 0.3f, 0.05f, 0.2f, 0.05f, 0.05f, 0.05f), USUAL).disputed()).isFalse();
        // own at the threshold is not below it
        assertThat(LabelOpinion.of("sadness", p(0f, 0.9f, LabelOpinion.OWN_BELOW, 0f, 0f, 0f, 0f), USUAL).disputed()).isFalse();
        // the net is sure of neutral, which is not a class of this dataset: nothing to propose instead
        LabelOpinion neutral = LabelOpinion.of("anger", p(0.95f, 0f, 0f, 0.05f, 0f, 0f, 0f), USUAL);
        assertThat(neutral.disputed()).isFalse();
        assertThat(neutral.describe("anger")).isEmpty();
        // a class the net has no expression for gets no opinion on its label
        LabelOpinion contempt = LabelOpinion.of("contempt", p(0f, 1f, 0f, 0f, 0f, 0f, 0f),
                ExpressionMapping.of(List.of("contempt", "happy"), null));
        assertThat(contempt.disputed()).isFalse();
        assertThat(contempt.own()).isNaN();
    }

    @Test
    void agreementCountsTheTopExpressionPerFolder() {
        LabelOpinion happyOk = LabelOpinion.of("happiness", p(0f, 0.9f, 0f, 0f, 0f, 0f, 0.1f), USUAL);
        LabelOpinion happyWrong = LabelOpinion.of("happiness", p(0f, 0.05f, 0.9f, 0f, 0f, 0f, 0.05f), USUAL);
        LabelAgreement a = LabelAgreement.of(CLASSES, Map.of("happiness", List.of(happyOk, happyWrong, happyOk)), USUAL);
        LabelAgreement.ClassAgreement happiness = a.classes().get(3);
        assertThat(happiness.scored()).isEqualTo(3);
        assertThat(happiness.agreed()).isEqualTo(2);
        assertThat(happiness.disputed()).isEqualTo(1);
        assertThat(happiness.share()).isEqualTo(2.0 / 3);
        assertThat(a.classes().get(0).scored()).as("a class without scored images").isZero();
    }
}
