import torch
import torch.nn.functional as F


def naive_grad(logits, target):
    logits = logits.detach().requires_grad_()
    loss = F.nll_loss(torch.log(F.softmax(logits, dim=1)), target, reduction="sum")  # (1)!
    return torch.autograd.grad(loss, logits)[0]


torch.manual_seed(0)
print("z = (0, 110), target 1:", naive_grad(torch.tensor([[0.0, 110.0]]), torch.tensor([1])))  # (2)!
draws = 2000
z = torch.randn(draws, 1, 784) @ torch.randn(draws, 784, 10)  # (3)!
z, target = z.squeeze(1), torch.full((draws,), 3)
far = (z.max(1).values - z[:, 3] > 88.7).float().mean()
wide = (z.max(1).values - z.min(1).values > 103.9).float().mean()
broken = (~naive_grad(z, target).isfinite().all(1)).float().mean()
print(f"{draws} draws: max - z[target] > 88.7 in {far:.1%}, max - min > 103.9 in {wide:.1%}")
print(f"naive gradient not finite in {broken:.1%}")
print("F.cross_entropy gradient finite in all:", bool(torch.autograd.grad(
    F.cross_entropy(z.requires_grad_(), target, reduction="sum"), z)[0].isfinite().all()))
