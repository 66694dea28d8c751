import torch
import torch.nn.functional as F

torch.manual_seed(0)

logits = torch.randn(4, 5)
target = torch.tensor([3, 0, 4, 1])

ce = F.cross_entropy(logits, target)
two_steps = F.nll_loss(F.log_softmax(logits, dim=1), target)  # (1)!
by_hand = (torch.logsumexp(logits, dim=1) - logits[torch.arange(4), target]).mean()  # (2)!

print(ce, two_steps, by_hand)
print("cross_entropy ≈ two steps:", torch.allclose(ce, two_steps), " ≈ by hand:", torch.allclose(ce, by_hand))
