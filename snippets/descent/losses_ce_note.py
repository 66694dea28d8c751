import torch
import torch.nn.functional as F

torch.manual_seed(0)

x = torch.randn(1, 784)
w = torch.randn(10, 784)
logits = x @ w.t()
print(logits)

target = torch.tensor([3])
print(F.cross_entropy(logits, target))
print(F.nll_loss(torch.log(F.softmax(logits, dim=1)), target))  # (1)!
